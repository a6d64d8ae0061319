"""Photos of guides and of event reports: checked by their content, re-encoded, kept private.

An upload is accepted only if Pillow recognises it as JPEG, PNG or WebP (whatever its name says),
it is at most 5 MB and 6000 × 6000 pixels. What is stored is always a fresh JPEG of at most
800 pixels a side (or ``stored_side``), turned upright and without EXIF data (camera, place,
time), XMP, ICC profile or comment. Files live under MEDIA_ROOT, which no URL serves;
``guides:photo`` and ``calendar:photo`` hand them out after checking who may see them.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
STORED_SIDE = 800
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")


def _refuse(message, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def reencode_photo(upload, *, stored_side: int = STORED_SIDE) -> ContentFile:
    """The uploaded file as a clean JPEG of at most ``stored_side`` pixels a side.

    Raises ``ValidationError`` if it is no usable photo.
    """
    if upload.size > MAX_BYTES:
        raise _refuse(_("The photo is larger than 5 MB. Please choose a smaller file."), "too_big")
    upload.seek(0)
    try:
        # A decompression bomb is an error here, not a warning to log and carry on after.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=ACCEPTED_FORMATS)
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise _refuse(
                    _("The photo is larger than 6000 × 6000 pixels. Please choose a smaller one."),
                    "too_many_pixels",
                )
            image.draft("RGB", (stored_side, stored_side))  # JPEG: decode at a smaller scale
            image.load()
            image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as error:
        raise _refuse(
            _("This file is not a photo we can use. Please upload a JPEG, PNG or WebP image."),
            "not_an_image",
        ) from error

    image = _on_white(image)
    image.thumbnail((stored_side, stored_side), Image.Resampling.LANCZOS)
    # Nothing of the original's metadata is kept: no exif=, xmp= or icc_profile= arguments, and
    # an empty info, since Pillow writes a JPEG comment it read (info["comment"], the COM
    # segment) back into the new file unasked. The ICC profile was never kept: the pixels are
    # re-encoded as they were decoded, without colour management.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def _on_white(image: Image.Image) -> Image.Image:
    """An RGB copy; transparent areas become white instead of black."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
