"""``{% event_documents event %}``: the documents of an event its viewer may see."""

from django import template

from lotsen.documents.selectors import event_documents_for

register = template.Library()


@register.inclusion_tag("lotsen/documents/_event_documents.html", takes_context=True)
def event_documents(context, event):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"event_documents": event_documents_for(user, event) if user else []}
