"""Training: the training university: modules, sessions, registrations."""
