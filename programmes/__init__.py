"""Programmes: cohort programmes, applications, sessions, mentoring, challenges."""
