"""Realistic generated content for scale tests and benchmarks.

Agencies in a hierarchy (ministries with directorates-general, provinces and regencies with
their offices), people with roles, topics, events and articles spread over ten years, with a
few drafts, items in review, scheduled and withdrawn ones. Rows are written with bulk_create
in batches (articles by COPY on PostgreSQL), so a million articles take minutes; the same
seed gives the same content.
"""

import random
import time
from datetime import timedelta
from itertools import islice

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from newsroom.agencies.models import Agency, Person, Role
from newsroom.articles.models import Article, ArticleAgency, Topic
from newsroom.core.models import Status
from newsroom.events.models import Event, EventAgency

# fmt: off
MINISTRIES = [
    ("Kementerian Dalam Negeri", "Kemendagri"),
    ("Kementerian Kesehatan", "Kemenkes"),
    ("Kementerian Pendidikan Dasar dan Menengah", "Kemendikdasmen"),
    ("Kementerian Pertanian", "Kementan"),
    ("Kementerian Sosial", "Kemensos"),
    ("Kementerian Komunikasi dan Digital", "Komdigi"),
    ("Kementerian Pekerjaan Umum", "Kemen PU"),
    ("Kementerian Keuangan", "Kemenkeu"),
]
DIRECTORATES = [
    "Politik dan Pemerintahan Umum", "Bina Administrasi Kewilayahan", "Bina Pembangunan Daerah",
    "Kependudukan dan Pencatatan Sipil"
]
REGIONS = [
    "Indramayu", "Cirebon", "Majalengka", "Kuningan", "Subang", "Karawang", "Garut",
    "Tasikmalaya", "Ciamis", "Sumedang", "Bandung Barat", "Purwakarta", "Bekasi", "Bogor",
    "Sukabumi", "Cianjur", "Pangandaran", "Banjar", "Depok", "Bandung"
]
OFFICES = [
    ("Sekretariat Daerah", "Setda", Agency.Kind.REGIONAL_SECRETARIAT),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", Agency.Kind.REGIONAL_OFFICE),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", Agency.Kind.REGIONAL_OFFICE),
    ("Dinas Kesehatan", "Dinkes", Agency.Kind.REGIONAL_OFFICE),
    ("Dinas Pendidikan", "Disdik", Agency.Kind.REGIONAL_OFFICE),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", Agency.Kind.REGIONAL_OFFICE),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", Agency.Kind.REGIONAL_AGENCY),
    ("Badan Keuangan Daerah", "BKD", Agency.Kind.REGIONAL_AGENCY),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", Agency.Kind.REGIONAL_AGENCY),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", Agency.Kind.REGIONAL_AGENCY),
]
TOPICS = [
    "Pemilu 2024", "Indeks Kerawanan Pemilu", "Stunting", "Pelayanan Publik", "Kependudukan",
    "Infrastruktur Jalan", "Pendidikan Dasar", "Kesehatan Ibu dan Anak",
    "Penanggulangan Bencana", "Ketahanan Pangan", "Transformasi Digital", "UMKM", "Anggaran Daerah",
    "Pariwisata", "Lingkungan Hidup", "Bantuan Sosial"
]
FIRST_NAMES = [
    "Ahmad", "Budi", "Siti", "Dewi", "Agus", "Nina", "Rina", "Eko", "Sri", "Hendra", "Yanti",
    "Dedi", "Asep", "Wawan", "Euis", "Iwan", "Lilis", "Ujang", "Neneng"
]
LAST_NAMES = [
    "Setiawan", "Hidayat", "Kurniawan", "Lestari", "Rahayu", "Saputra", "Wibowo", "Nugraha",
    "Permana", "Suryadi", "Maulana", "Handayani", "Gunawan", "Firmansyah"
]
TITLE_VERBS = [
    "Gelar", "Sosialisasikan", "Tinjau", "Resmikan", "Bahas", "Dorong", "Percepat", "Evaluasi",
    "Luncurkan", "Perkuat", "Dukung", "Awasi"
]
TITLE_OBJECTS = [
    "Program", "Layanan", "Rapat Koordinasi", "Pelatihan", "Penyaluran Bantuan", "Pembangunan",
    "Pendataan", "Kegiatan", "Rencana Kerja", "Inovasi"
]
WORDS = [
    "pemerintah", "daerah", "kabupaten", "masyarakat", "pelayanan", "program", "kegiatan",
    "pelaksanaan", "koordinasi", "peningkatan", "kualitas", "pembangunan", "dukungan",
    "penyelenggaraan", "warga", "desa", "kecamatan", "anggaran", "tahun", "data", "evaluasi",
    "sosialisasi", "kebijakan", "pemilu", "bantuan", "kesehatan", "pendidikan", "infrastruktur",
    "digital", "layanan", "publik", "kerja", "sama", "wilayah", "aparatur", "pengawasan",
    "percepatan", "penanganan", "strategis", "prioritas", "nasional"
]
EVENT_KINDS = [
    Event.Kind.WEBINAR,
    Event.Kind.MEETING,
    Event.Kind.SOCIALISATION,
    Event.Kind.CEREMONY,
    Event.Kind.PRESS_CONFERENCE,
]
# Of every 100 articles: 94 published, the rest drafts, in review, scheduled or withdrawn.
STATE_WEIGHTS = [
    (Status.PUBLISHED, 94),
    (Status.DRAFT, 3),
    (Status.IN_REVIEW, 1),
    ("scheduled", 1),
    (Status.WITHDRAWN, 1),
]
# fmt: on
YEARS = 10


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class Command(BaseCommand):
    help = "Generate realistic agencies, people, topics, events and articles for scale tests."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--events", type=int, help="Default: one for every 40 articles.")
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, articles, events, seed, batch_size, **options):
        if articles < 0 or (events is not None and events < 0):
            raise CommandError("Counts cannot be negative.")
        if Article.objects.filter(slug__startswith="gen-").exists():
            raise CommandError("This database has generated content already; use a fresh one.")
        self.random = random.Random(seed)  # noqa: S311 (repeatable content, not secrets)
        self.now = timezone.now()
        self.batch_size = batch_size
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        with transaction.atomic():
            agencies = self.create_agencies()
            people = self.create_people(agencies)
            topics = self.create_topics()
        event_ids = self.create_events(
            events if events is not None else max(articles // 40, 1), agencies, people, topics
        )
        self.create_articles(articles, agencies, people, topics, event_ids)
        self.stdout.write(
            f"Generated {len(agencies)} agencies, {len(people)} people, {len(topics)} topics, "
            f"{len(event_ids)} events and {articles} articles in "
            f"{time.monotonic() - started:.0f} s."
        )

    def create_agencies(self):
        created = []

        def add(name, short_name, kind, level, parent=None):
            agency = Agency.objects.create(
                name=name,
                short_name=short_name,
                slug=f"gen-{slugify(short_name or name)}",
                kind=kind,
                level=level,
                parent=parent,
            )
            created.append(agency)
            return agency

        for name, short_name in MINISTRIES:
            ministry = add(name, short_name, Agency.Kind.MINISTRY, Agency.Level.NATIONAL)
            if short_name == "Kemendagri":
                for directorate in DIRECTORATES:
                    add(
                        f"Direktorat Jenderal {directorate}",
                        f"Ditjen {''.join(word[0] for word in directorate.split())}",
                        Agency.Kind.DIRECTORATE_GENERAL,
                        Agency.Level.NATIONAL,
                        ministry,
                    )
        for region in REGIONS:
            regency = add(
                f"Pemerintah Kabupaten {region}",
                f"Pemkab {region}",
                Agency.Kind.REGIONAL_GOVERNMENT,
                Agency.Level.REGENCY,
            )
            for name, short_name, kind in OFFICES:
                add(
                    f"{name} Kabupaten {region}",
                    f"{short_name} {region}",
                    kind,
                    Agency.Level.REGENCY,
                    regency,
                )
        return created

    def create_people(self, agencies):
        Person.objects.bulk_create(
            Person(name=f"{first} {last}", slug=f"gen-{slugify(first)}-{slugify(last)}-{index}")
            for index, (first, last) in enumerate(
                (self.random.choice(FIRST_NAMES), self.random.choice(LAST_NAMES))
                for _ in range(len(agencies) * 2)
            )
        )
        people = list(Person.objects.filter(slug__startswith="gen-"))
        Role.objects.bulk_create(
            Role(person=person, agency=agencies[index // 2], title=f"Kepala {agencies[index // 2]}")
            for index, person in enumerate(people)
        )
        return people

    def create_topics(self):
        Topic.objects.bulk_create(Topic(name=name, slug=f"gen-{slugify(name)}") for name in TOPICS)
        return list(Topic.objects.filter(slug__startswith="gen-"))

    def when(self):
        """A moment in the last ten years, more of them recent."""
        days = YEARS * 365 * (self.random.random() ** 1.5)
        return self.now - timedelta(days=days, minutes=self.random.randrange(24 * 60))

    def state(self):
        status = self.random.choices(*zip(*STATE_WEIGHTS, strict=True))[0]
        published_at = self.when()
        if status == "scheduled":
            return Status.PUBLISHED, self.now + timedelta(days=self.random.randrange(1, 30)), ""
        if status == Status.WITHDRAWN:
            return status, published_at, "Data dalam berita ini keliru."
        if status in (Status.DRAFT, Status.IN_REVIEW):
            return status, None, ""
        return status, published_at, ""

    def name(self):
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def sentence(self, words=14):
        text = " ".join(self.random.choices(WORDS, k=words))
        return text[0].upper() + text[1:] + "."

    def create_events(self, count, agencies, people, topics):
        events = []
        for index in range(count):
            status, published_at, reason = self.state()
            starts_at = self.when() + timedelta(days=self.random.randrange(0, 60))
            events.append(
                Event(
                    title=f"{self.random.choice(EVENT_KINDS).label} {self.sentence(5)[:-1]}",
                    slug=f"gen-event-{index}",
                    kind=self.random.choice(EVENT_KINDS),
                    summary=self.sentence(),
                    description=f"<p>{self.sentence(40)}</p>",
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=self.random.choice([1, 2, 3])),
                    attendance_mode=self.random.choice(Event.AttendanceMode.values),
                    status=status,
                    published_at=published_at,
                    withdrawn_at=published_at if reason else None,
                    withdrawal_reason=reason,
                )
            )
        Event.objects.bulk_create(events, batch_size=self.batch_size)
        event_ids = list(
            Event.objects.filter(slug__startswith="gen-event-").values_list("id", flat=True)
        )
        EventAgency.objects.bulk_create(
            (
                EventAgency(
                    event_id=event_id,
                    agency=self.random.choice(agencies),
                    role=EventAgency.Role.ORGANISER,
                )
                for event_id in event_ids
            ),
            batch_size=self.batch_size,
        )
        Event.speakers.through.objects.bulk_create(
            (
                Event.speakers.through(event_id=event_id, person=self.random.choice(people))
                for event_id in event_ids
            ),
            batch_size=self.batch_size,
        )
        Event.topics.through.objects.bulk_create(
            (
                Event.topics.through(event_id=event_id, topic=self.random.choice(topics))
                for event_id in event_ids
            ),
            batch_size=self.batch_size,
        )
        return event_ids

    def create_articles(self, count, agencies, people, topics, event_ids):
        """Articles and their links, written straight to the tables in batches.

        The rows go through each field's own preparation (so sanitising, defaults and time
        zones are as the ORM would have them) but not through the ORM's INSERT: PostgreSQL
        takes them by COPY, SQLite by executemany, several times faster than bulk_create.
        """
        next_id = (Article.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        written = 0
        for batch in batched(range(count), self.batch_size):
            articles, agency_links, people_links, topic_links, event_links = [], [], [], [], []
            for index in batch:
                article_id = next_id + index
                status, published_at, reason = self.state()
                verb, thing = self.random.choice(TITLE_VERBS), self.random.choice(TITLE_OBJECTS)
                lead = self.random.choice(agencies)
                articles.append(
                    Article(
                        id=article_id,
                        title=f"{lead.display_name} {verb} {thing} {self.sentence(4)[:-1]}",
                        slug=f"gen-{index}",
                        summary=self.sentence(20),
                        body="".join(f"<p>{self.sentence(30)}</p>" for _ in range(4)),
                        byline=self.name(),
                        source_outlet=f"Diskominfo {self.random.choice(REGIONS)}",
                        status=status,
                        published_at=published_at,
                        withdrawn_at=published_at if reason else None,
                        withdrawal_reason=reason,
                    )
                )
                agency_links.append((article_id, lead.pk, ArticleAgency.Role.LEAD))
                agency_links += [
                    (article_id, agency.pk, ArticleAgency.Role.MENTIONED)
                    for agency in self.random.sample(agencies, 2)
                    if agency != lead
                ]
                people_links += [
                    (article_id, person.pk)
                    for person in self.random.sample(people, self.random.randint(0, 2))
                ]
                topic_links += [
                    (article_id, topic.pk)
                    for topic in self.random.sample(topics, self.random.randint(1, 2))
                ]
                if self.random.random() < 0.2:
                    event_links.append((article_id, self.random.choice(event_ids)))
            with transaction.atomic():
                write_rows(
                    Article,
                    [field for field in Article._meta.concrete_fields if not field.generated],
                    [prepared(article) for article in articles],
                )
                # Link rows are plain keys: no model instances needed.
                write_rows(ArticleAgency, ["article", "agency", "role"], agency_links)
                write_rows(Article.people.through, ["article", "person"], people_links)
                write_rows(Article.topics.through, ["article", "topic"], topic_links)
                write_rows(Article.events.through, ["article", "event"], event_links)
            written += len(articles)
            if self.verbosity > 1:
                self.stdout.write(f"{written} articles written")
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Article]):
                cursor.execute(statement)


def prepared(item):
    """A model instance's column values, each through its field's own preparation (defaults,
    sanitising, time zones) as the ORM would store them."""
    return [
        field.get_db_prep_save(field.pre_save(item, True), connection)
        for field in item._meta.concrete_fields
        if not field.generated
    ]


def write_rows(model, fields, rows):
    """Insert rows of values for these fields (or field names) of a model, in one statement."""
    if not rows:
        return
    fields = [model._meta.get_field(f) if isinstance(f, str) else f for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # Names from the model's own metadata, quoted; the values go as parameters.
            placeholders = ", ".join(["%s"] * len(fields))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(insert, rows)
