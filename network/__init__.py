"""The network's own structure (users, the network singleton, offices, territories, themes) and the cross-cutting
pieces every app uses (audit, registries, outbox, throttling)."""
