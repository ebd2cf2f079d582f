"""Referrals: companies, their people, interactions, follow-ups, referrals, support requests."""
