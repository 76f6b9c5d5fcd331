"""The worker's first pass over the demo: the people of the demo find their notifications waiting."""

from consult.notifications.fanout import expand_events


def load(context):
    """Fan out every event the earlier steps recorded (replies, official responses, the report published…)."""
    while expand_events(context["now"]):
        pass
