"""Discord's documented limits, defined once.

The adapter fits what it sends to them (`bot.adapter.limits`), the emulator refuses what exceeds
them the way Discord does (`bot.emulator.validation`), and the content tests check the shipped
corpus against them. No `discord` import: the emulator and the tests read these too.
"""

from __future__ import annotations

# Messages and embeds (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
CONTENT = 2000
EMBEDS = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
EMBED_TOTAL = 6000  # title, description, field names and values, footer, author together

# Message components
ACTION_ROWS = 5
ROW_WIDTH = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_LABEL = 100
SELECT_VALUE = 100
SELECT_DESCRIPTION = 100
SELECT_PLACEHOLDER = 150

# Modals and their text inputs
MODAL_TITLE = 45
MODAL_COMPONENTS = 5
TEXT_INPUT_LABEL = 45
TEXT_INPUT_PLACEHOLDER = 100
TEXT_INPUT_VALUE = 4000

# Application commands: autocomplete and fixed choices
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100

# Channels and threads
THREAD_NAME = 100
THREAD_AUTO_ARCHIVE_MINUTES = (60, 1440, 4320, 10080)  # the only auto_archive_duration values
FORUM_TAGS = 20  # available_tags of a forum channel
FORUM_TAG_NAME = 20
FORUM_APPLIED_TAGS = 5  # tags on one forum post
