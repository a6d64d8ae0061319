"""Messages of the coordination to groups: guides of a region, an event's registrants, a
working group; the Landeskoordination also to all coordinators or all guides."""
