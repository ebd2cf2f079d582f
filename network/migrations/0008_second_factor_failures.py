"""Wrong second-factor codes counted in the database (AU-5 with Redis down, RE-8): allauth's own count is in the
cache. The index serves the per-account count over the last 15 minutes that each code check reads."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0007_notification_preferences'),
    ]

    operations = [
        migrations.CreateModel(
            name='SecondFactorFailure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'indexes': [models.Index(fields=['user', 'created_at'], name='secondfactorfailure_user_idx')],
            },
        ),
    ]
