"""The referrals app's forms, by topic: companies (search, identity, merge), contacts (a person), log (fast entry)."""
