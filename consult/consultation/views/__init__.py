"""Routes of the consultation blueprint, by audience; importing this package registers them all."""

from consult.consultation.views import moderate, offline, organize, participate, read  # noqa: F401
