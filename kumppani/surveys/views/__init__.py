"""Survey pages: the builder, invitations, answering and results."""
