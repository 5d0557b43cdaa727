"""Uploaded images: what is accepted, what is removed, and the renditions public pages use."""

import logging
import warnings
from io import BytesIO
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit, Transpose
from PIL import ExifTags, Image

logger = logging.getLogger(__name__)

# What browsers show everywhere, by Pillow's format name, with the file name extension it gets.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (480, 800, 1200)


def image_problem(file) -> str | None:
    """Why an uploaded file cannot be a lead image, or None when it can.

    Only the header is read: the pixel count is known before anything is decoded, so a
    decompression bomb is refused without being unpacked.
    """
    if file.size > settings.NEWSROOM_IMAGE_MAX_BYTES:
        return _("The file is %(size)s; at most %(limit)s is accepted.") % {
            "size": filesizeformat(file.size),
            "limit": filesizeformat(settings.NEWSROOM_IMAGE_MAX_BYTES),
        }
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Our own pixel limit, lower than Pillow's, is checked before anything is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file)
            width, height = image.size
            image_format = image.format
            if width * height <= settings.NEWSROOM_IMAGE_MAX_PIXELS:
                image.verify()
    except Image.DecompressionBombError:
        return too_many_pixels_message()
    except Exception:  # noqa: BLE001 (Pillow raises many kinds of error for a broken file)
        return _("This is not a JPEG, PNG or WebP image, or the file is damaged.")
    finally:
        file.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        return _("This is not a JPEG, PNG or WebP image, or the file is damaged.")
    if width * height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
        return too_many_pixels_message(width, height)
    return None


def too_many_pixels_message(width=None, height=None) -> str:
    limit = settings.NEWSROOM_IMAGE_MAX_PIXELS // 1_000_000
    if width is None:
        return _("The image has far too many pixels; at most %(limit)s megapixels.") % {
            "limit": limit
        }
    return _("The image is %(width)s × %(height)s pixels; at most %(limit)s megapixels.") % {
        "width": width,
        "height": height,
        "limit": limit,
    }


def validate_image_file(file):
    if problem := image_problem(file):
        raise ValidationError(problem, code="invalid_image")


def without_location(file):
    """The image without the location (GPS) in its EXIF data, named for what it really is.

    Only the location block is removed; a JPEG keeps its quality tables, so it is not made
    worse by being saved again. An image without location data is kept as it was sent.
    """
    file.seek(0)
    with Image.open(file) as image:
        name = f"{Path(file.name).stem}.{ACCEPTED_FORMATS[image.format]}"
        exif = image.getexif()
        if ExifTags.IFD.GPSInfo not in exif:
            file.seek(0)
            file.name = name
            return file
        del exif[ExifTags.IFD.GPSInfo]
        options = {"exif": exif.tobytes()}
        if image.format == "JPEG":
            options["quality"] = "keep"
        if icc_profile := image.info.get("icc_profile"):
            options["icc_profile"] = icc_profile
        output = BytesIO()
        image.save(output, format=image.format, **options)
        content_type = Image.MIME.get(image.format, "application/octet-stream")
    return SimpleUploadedFile(name, output.getvalue(), content_type=content_type)


class LeadImageFormField(forms.ImageField):
    # The content decides, not the name: a JPEG sent as "foto.bin" is saved as "foto.jpg".
    default_validators = []

    def to_python(self, data):
        # Our checks come first: Django's own opens the whole image to verify it.
        if data is not None and hasattr(data, "size"):
            validate_image_file(data)
        return super().to_python(data)


class LeadImageField(models.ImageField):
    """An image checked by content, size and pixel count, saved without its location data."""

    default_validators = []

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image_file])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LeadImageFormField, **kwargs})

    def store_upload(self, model_instance):
        """Send a new upload, without its location data, to the media storage; a failing
        storage raises here, before anything is saved to the database."""
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            upload = without_location(file.file)
            file.save(upload.name, upload, save=False)

    def pre_save(self, model_instance, add):
        self.store_upload(model_instance)
        return super().pre_save(model_instance, add)


class Rendition(ImageSpec):
    """A lead image at most `width` pixels wide, as WebP, turned upright."""

    format = "WEBP"
    options = {"quality": 80}

    def __init__(self, source, width):
        self.width = width
        super().__init__(source)

    @property
    def processors(self):
        return [Transpose(), ResizeToFit(width=self.width, upscale=False)]


def rendition_widths(original_width: int | None) -> list[int]:
    """The widths to make of an image this wide: never wider than the original."""
    if not original_width:
        return list(RENDITION_WIDTHS)
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    return sorted({*widths, min(original_width, RENDITION_WIDTHS[-1])})


def renditions(image, *, original_width: int | None) -> list[tuple[str, int]]:
    """(URL, width) of the WebP renditions of an image, made on first use; [] if they fail.

    A rendition that cannot be made (a file gone from the storage) must not break the page:
    the original image is still shown.
    """
    found = []
    try:
        for width in rendition_widths(original_width):
            rendition = ImageCacheFile(Rendition(source=image, width=width))
            # Made once; imagekit then remembers in the cache that the file exists.
            rendition.generate()
            found.append((rendition.url, width))
    except Exception:
        logger.exception("Could not make the renditions of %s", image.name)
        return []
    return found
