"""Routes of the consultation blueprint, by audience; importing this package registers them all."""

from consult.consultation import (
    panels,  # noqa: F401 - registers the process panel and organizer link
    personal_data,  # noqa: F401 - connects the "my data" and deletion receivers
)
from consult.consultation.views import moderate, organize, participate, read  # noqa: F401
