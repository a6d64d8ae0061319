"""Serializers shared by the apps' endpoints."""

from rest_framework import serializers


class RegionRefSerializer(serializers.Serializer):
    """A region as other records name it."""

    slug = serializers.SlugField()
    name = serializers.CharField()


class NamedRefSerializer(serializers.Serializer):
    """A record named by its id and name (an organiser, an organisation)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
