"""The referrals app's pages, all of the extranet: ``companies`` (search, the record and its timeline, edits,
merges, one contact), ``contacts`` (the people at a company), ``log`` (fast entry of a contact)."""
