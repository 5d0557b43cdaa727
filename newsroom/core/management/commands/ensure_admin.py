import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. The password comes from "
        "NEWSROOM_ADMIN_PASSWORD; without it, a new account gets a generated password, printed "
        "once. An existing account keeps its password unless NEWSROOM_ADMIN_PASSWORD is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("NEWSROOM_ADMIN_USER", "admin"))
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get("NEWSROOM_ADMIN_PASSWORD", "")
        users = get_user_model().objects
        user = users.filter(username=username).first()
        if password:
            # The same rules as a password chosen in the admin (AUTH_PASSWORD_VALIDATORS).
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(
                    "NEWSROOM_ADMIN_PASSWORD is refused: " + " ".join(error.messages)
                ) from None
        if user is None:
            generated = not password
            password = password or secrets.token_urlsafe(12)
            users.create_superuser(username=username, email=email, password=password)
            shown = password if generated else "from NEWSROOM_ADMIN_PASSWORD"
            self.stdout.write(f"Created the administrator “{username}”, password: {shown}")
            if generated:
                self.stdout.write("Keep it now: it is not stored anywhere and is not shown again.")
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Set the password of “{username}” from NEWSROOM_ADMIN_PASSWORD.")
        else:
            self.stdout.write(
                f"The administrator “{username}” exists. To set a new password, run again with "
                "NEWSROOM_ADMIN_PASSWORD."
            )
