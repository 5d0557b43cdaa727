from datetime import timedelta

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone
from factory.django import DjangoModelFactory

from newsroom.agencies.models import Agency, Person, Role
from newsroom.articles.models import Article, ArticleAgency, Topic
from newsroom.core.models import Status
from newsroom.desk.models import Membership
from newsroom.events.models import Event, EventAgency


def an_hour_ago():
    return timezone.now() - timedelta(hours=1)


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    slug = factory.Sequence(lambda n: f"dinas-contoh-{n}")
    kind = Agency.Kind.REGIONAL_OFFICE
    level = Agency.Level.REGENCY


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Tokoh {n}")
    slug = factory.Sequence(lambda n: f"tokoh-{n}")


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    agency = factory.SubFactory(AgencyFactory)
    title = "Kepala Dinas"


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.Sequence(lambda n: f"topik-{n}")


class ArticleFactory(DjangoModelFactory):
    """A published article; pass agencies=[…] (mentioned) and lead_agency=… to link them."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Berita contoh {n}")
    slug = factory.Sequence(lambda n: f"berita-contoh-{n}")
    summary = "Ringkasan berita."
    body = "<p>Isi berita.</p>"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(an_hour_ago)

    @factory.post_generation
    def lead_agency(self, create, agency):
        if agency:
            ArticleAgency.objects.create(article=self, agency=agency, role=ArticleAgency.Role.LEAD)

    @factory.post_generation
    def agencies(self, create, agencies):
        for agency in agencies or []:
            ArticleAgency.objects.create(article=self, agency=agency)

    @factory.post_generation
    def topics(self, create, topics):
        if topics:
            self.topics.set(topics)

    @factory.post_generation
    def events(self, create, events):
        if events:
            self.events.set(events)


class EventFactory(DjangoModelFactory):
    """A published event; pass agencies=[…] (participants) and organiser=… to link them."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Webinar contoh {n}")
    slug = factory.Sequence(lambda n: f"webinar-contoh-{n}")
    kind = Event.Kind.WEBINAR
    attendance_mode = Event.AttendanceMode.ONLINE
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(an_hour_ago)

    @factory.post_generation
    def organiser(self, create, agency):
        if agency:
            EventAgency.objects.create(event=self, agency=agency, role=EventAgency.Role.ORGANISER)

    @factory.post_generation
    def agencies(self, create, agencies):
        for agency in agencies or []:
            EventAgency.objects.create(event=self, agency=agency)

    @factory.post_generation
    def topics(self, create, topics):
        if topics:
            self.topics.set(topics)


class UserFactory(DjangoModelFactory):
    """A person on the desk; pass role="Contributor" (a group) and agencies=[…] they write for."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Sequence(lambda n: f"Pengguna {n}")
    is_staff = True

    @factory.post_generation
    def role(self, create, role):
        if role:
            self.groups.add(Group.objects.get(name=role))

    @factory.post_generation
    def agencies(self, create, agencies):
        for agency in agencies or []:
            Membership.objects.create(user=self, agency=agency)


def image_file(name="foto.jpg", *, size=(64, 48), image_format="JPEG", **save_options):
    """A real image, as an upload; save_options go to Pillow (exif=…)."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    output = BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(output, format=image_format, **save_options)
    return SimpleUploadedFile(name, output.getvalue(), content_type=f"image/{image_format.lower()}")
