"""Members: member organisations, services, conventions, advisors, code of conduct, invitations."""
