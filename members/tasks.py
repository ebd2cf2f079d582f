from celery import shared_task

from members import services


@shared_task(time_limit=300, soft_time_limit=280, max_retries=0)
def send_convention_reminders() -> int:
    """Daily: reminders 60 and 30 days before a convention expires (each sent once)."""
    return services.convention_send_reminders()


@shared_task(time_limit=300, soft_time_limit=280, max_retries=0)
def send_conduct_reminders() -> int:
    """Daily: weekly nudges to advisors who have not signed and referents who have not countersigned."""
    return services.conduct_send_reminders()
