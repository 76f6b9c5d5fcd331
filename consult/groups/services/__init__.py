"""Operations of the groups domain, one module per sub-topic."""
