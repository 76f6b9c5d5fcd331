"""Operations on the stakeholder registry, split by sub-topic: registry, CSV, invitations, representatives."""
