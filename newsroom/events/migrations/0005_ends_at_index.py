from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_listing_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["ends_at"], name="events_event_ends_at"),
        ),
    ]
