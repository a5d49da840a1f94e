from django import template

from blog.embeds import video_for

register = template.Library()


@register.simple_tag
def video_embed(value):
    return video_for(value)
