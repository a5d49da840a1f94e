"""Pictures people upload are decoded and drawn again before anything is stored.

A phone writes more into a photo than the photo: where it was taken (GPS), with what
(make, model, serial number), when, a thumbnail of the uncropped original, and in XMP,
comments or a calibrated ICC profile sometimes the owner's name. Storing the upload byte
for byte publishes all of that. Re-encoding keeps only the pixels, turned the way the EXIF
orientation asked (the orientation goes with the rest of the EXIF), in sRGB.

Decoding in full also finds what a look at the header cannot: a file that only claims to
be a picture, a picture cut short, and a few kilobytes that unpack into a canvas of
hundreds of megapixels, which is refused before a single pixel is decoded.
"""

import io
import logging
from pathlib import PurePath

from django.core.files.base import ContentFile

from PIL import ExifTags, Image, ImageCms, ImageSequence, JpegImagePlugin

logger = logging.getLogger(__name__)

# What each readable format is stored as. MPO is how Pillow reads the JPEGs of many
# phones (a second picture, such as a depth map, rides along); only the first is kept.
SAME_FORMAT = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WEBP", "AVIF": "AVIF"}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "AVIF": ".avif"}
# Lossy formats re-encoded without the source's quantisation tables get this quality.
QUALITY = 90

_MODES = {
    "JPEG": {"L", "RGB", "CMYK"},
    "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"},
    "GIF": {"L", "P", "RGB", "RGBA"},
    "WEBP": {"RGB", "RGBA"},
    "AVIF": {"RGB", "RGBA"},
}
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class RefusedPicture(Exception):
    """Why an upload cannot be stored: ``reason`` is "unreadable" (not a picture in one of
    the accepted formats, or damaged) or "too_many_pixels"."""

    def __init__(self, reason, *, width=0, height=0):
        super().__init__(reason)
        self.reason = reason
        self.width = width
        self.height = height


class CleanedPicture(ContentFile):
    """Re-encoded bytes: also the mark that a picture needs no second pass."""

    def __init__(self, content, name, *, width, height, image_format):
        super().__init__(content, name=name)
        self.width = width
        self.height = height
        self.image_format = image_format


def reencoded(upload, *, max_pixels, formats=SAME_FORMAT, max_edge=None, keep_animation=False, stem=None):
    """``upload`` decoded and saved again, as a :class:`CleanedPicture`.

    ``formats`` maps each format that may be read to the one it is stored as; Pillow tries
    no other decoder on the file. ``max_pixels`` bounds width × height (× frames when they
    are kept); ``max_edge``, when given, scales the picture down to fit a square of that
    side. The file keeps its name (or takes ``stem``), with its extension when the format
    stays the same. Raises :class:`RefusedPicture`.
    """
    with _opened(upload, formats) as source:
        try:
            return _redrawn(source, upload, max_pixels, formats, max_edge, keep_animation, stem)
        except RefusedPicture:
            raise
        except Exception:  # cut-short or corrupt data surfaces as OSError, SyntaxError, ValueError...
            logger.info("An uploaded picture could not be decoded", exc_info=True)
            raise RefusedPicture("unreadable", width=source.width, height=source.height) from None
        finally:
            upload.seek(0)


def pixel_count(upload, *, formats=SAME_FORMAT, count_frames=False):
    """Width × height (× frames) from the file's header, without decoding the picture."""
    with _opened(upload, formats) as source:
        try:
            frames = getattr(source, "n_frames", 1) if count_frames else 1
        except Exception:  # a frame header cut short
            raise RefusedPicture("unreadable") from None
        finally:
            upload.seek(0)
        return source.width * source.height * frames


def _opened(upload, formats):
    upload.seek(0)
    try:
        # MPO has no opener of its own: Pillow's JPEG plugin hands such files over.
        return Image.open(upload, formats=[name for name in formats if name != "MPO"])
    except Image.DecompressionBombError:
        raise RefusedPicture("too_many_pixels") from None
    except Exception:  # Pillow's plugins raise many kinds for a bad header
        raise RefusedPicture("unreadable") from None


def _redrawn(source, upload, max_pixels, formats, max_edge, keep_animation, stem):
    width, height = source.size
    frame_count = getattr(source, "n_frames", 1) if keep_animation else 1
    if width * height * frame_count > max_pixels:
        raise RefusedPicture("too_many_pixels", width=width, height=height)
    output_format = formats[source.format]
    orientation = _orientation(source)
    if max_edge and source.format in ("JPEG", "MPO"):
        # Decodes a big JPEG at 1/2, 1/4 or 1/8 of its size straight away, never smaller
        # than the edge asked for.
        source.draft(None, (max_edge, max_edge))
    frames, durations = [], []
    for frame in ImageSequence.Iterator(source) if frame_count > 1 else [source]:
        frame.load()
        durations.append(frame.info.get("duration", 0))
        frames.append(_clean_frame(frame, output_format, orientation, max_edge))

    options = _save_options(source, frames[0], output_format)
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if "loop" in source.info:
            options["loop"] = source.info["loop"]
    buffer = io.BytesIO()
    frames[0].save(buffer, format=output_format, **options)

    original = PurePath(upload.name or "picture")
    same = SAME_FORMAT.get(source.format) == output_format and original.suffix
    extension = original.suffix.lower() if same else EXTENSIONS[output_format]
    return CleanedPicture(
        buffer.getvalue(),
        name=f"{stem or original.stem}{extension}",
        width=frames[0].width,
        height=frames[0].height,
        image_format=output_format,
    )


def _orientation(picture):
    try:
        return int(picture.getexif().get(ExifTags.Base.Orientation, 1))
    except Exception:  # a garbled EXIF block just means "as stored"
        return 1


def _clean_frame(frame, output_format, orientation, max_edge):
    """A copy of ``frame`` holding pixels only: sRGB, upright, small enough, and without
    any of the metadata the decoder put in ``info``."""
    transparency = frame.info.get("transparency")
    picture = _in_srgb(frame) if frame.info.get("icc_profile") else frame.copy()
    if max_edge and picture.mode not in ("RGB", "RGBA"):
        # Scaling a palette or bilevel picture would pick pixels instead of blending them.
        picture = picture.convert("RGBA" if picture.has_transparency_data else "RGB")
    if picture.mode not in _MODES[output_format]:
        has_alpha = picture.has_transparency_data and output_format != "JPEG"
        picture = picture.convert("RGBA" if has_alpha else "RGB")
    if orientation in _TRANSPOSE:
        picture = picture.transpose(_TRANSPOSE[orientation])
    if max_edge and max(picture.size) > max_edge:
        picture.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    # Saving copies comments, profiles and the like from ``info``; keep only what draws.
    picture.info = {}
    if transparency is not None and picture.mode in ("P", "L", "RGB") and picture.mode == frame.mode:
        picture.info["transparency"] = transparency
    return picture


def _in_srgb(frame):
    """The frame's colours moved from its embedded profile into plain sRGB, which is what a
    browser assumes for a picture without one. A profile that cannot be applied is dropped."""
    picture = frame if frame.mode in ("RGB", "RGBA", "CMYK", "L") else frame.convert("RGBA")
    try:
        return ImageCms.profileToProfile(
            picture,
            ImageCms.ImageCmsProfile(io.BytesIO(frame.info["icc_profile"])),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if picture.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return picture.convert("RGB") if picture.mode == "CMYK" else picture.copy()


def _save_options(source, first_frame, output_format):
    if output_format == "JPEG":
        # The source's own quantisation tables keep its quality: no visible loss from
        # encoding it once more, and no blow-up of a file saved at a low quality.
        if source.format in ("JPEG", "MPO") and first_frame.mode == source.mode and source.quantization:
            options = {"qtables": source.quantization}
            sampling = JpegImagePlugin.get_sampling(source)
            if sampling >= 0:
                options["subsampling"] = sampling
            return options
        return {"quality": QUALITY}
    if output_format in ("WEBP", "AVIF"):
        return {"quality": QUALITY}
    return {}
