"""The admin's rich-text editor (django-prose-editor): what a news story needs, nothing more.

What it can produce must stay within what newsroom.core.html lets through; a test checks it.
"""

EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
}
EDITOR_CONFIG = {"extensions": EDITOR_EXTENSIONS}
