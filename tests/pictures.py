"""Pictures for upload tests, made with Pillow: a phone photo that says where it was taken,
a tiny file with a huge canvas, a file cut short, and ways to read back what was stored."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import ExifTags, Image, ImageCms

RED = (220, 20, 20)
BLUE = (20, 20, 220)
CAMERA = "Canon EOS 5D Mark IV"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,22.2N"'
    b' exif:GPSLongitude="4,53.5E"/></rdf:RDF></x:xmpmeta>'
)


def _red_left_blue_right(size):
    picture = Image.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, size[0] // 2, size[1]))
    return picture


def phone_photo_bytes(size=(60, 40), orientation=6, image_format="JPEG"):
    """A photo as a phone stores it: red on the left, blue on the right of the sensor, with
    an EXIF orientation telling viewers to turn it (6: a quarter turn clockwise, so red
    ends up on top), the camera model, a GPS position in EXIF and XMP, a comment and an
    ICC profile."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = CAMERA
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 22.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 53.0, 30.0),
    }
    extra = {"comment": b"Thuis, Keizersgracht"} if image_format == "JPEG" else {}
    buffer = io.BytesIO()
    _red_left_blue_right(size).save(
        buffer,
        format=image_format,
        exif=exif,
        xmp=XMP,
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        **extra,
    )
    return buffer.getvalue()


def phone_photo(name="IMG_0042.jpg", **kwargs):
    return SimpleUploadedFile(name, phone_photo_bytes(**kwargs), content_type="image/jpeg")


def huge_png_bytes(width, height):
    """A PNG of ``width`` × ``height`` pixels that is only a few kilobytes: one flat colour
    compresses to nearly nothing, and decoding it takes the full canvas in memory."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def truncated_jpeg_bytes():
    """A real JPEG cut off halfway: its header is fine, its picture is not all there."""
    buffer = io.BytesIO()
    noise = Image.effect_noise((200, 200), 80).convert("RGB")
    noise.save(buffer, format="JPEG", quality=95)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def metadata_of(picture):
    """Whatever in an opened picture could say who, where or with what it was taken."""
    keys = ("exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp")
    found = {key: picture.info[key] for key in keys if picture.info.get(key)}
    exif = picture.getexif()
    if exif:
        found["exif tags"] = dict(exif)
    return found


def assert_clean_and_upright(data, size=(40, 60)):
    """The stored bytes hold no metadata and show the photo turned as its EXIF asked."""
    with Image.open(io.BytesIO(data)) as picture:
        assert metadata_of(picture) == {}
        assert CAMERA.encode() not in data
        assert b"GPS" not in data
        assert picture.size == size
        rgb = picture.convert("RGB")
        width, height = rgb.size
        top, bottom = rgb.getpixel((width // 2, height // 5)), rgb.getpixel((width // 2, height * 4 // 5))
    assert top[0] > 150 and top[2] < 100, f"the top should be red, is {top}"
    assert bottom[2] > 150 and bottom[0] < 100, f"the bottom should be blue, is {bottom}"
