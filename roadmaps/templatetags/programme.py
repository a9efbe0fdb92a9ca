"""{% programme_panel %}: a school programme's status and the transitions this person may
take now, on the programme's page (templates/roadmaps/programme_panel.html)."""
from django import template

from ..selectors.workflow import programme_panel as build_panel

register = template.Library()


@register.inclusion_tag("roadmaps/programme_panel_body.html", takes_context=True)
def programme_panel(context):
    roadmap = context["roadmap"]
    user = context["request"].user
    return {"panel": build_panel(user, roadmap), "roadmap": roadmap,
            "district": context.get("district") or roadmap.district,
            "csrf_token": context.get("csrf_token"), "request": context["request"]}
