# sunbae: a slim, non-root image; the SQLite database lives on a volume at /app/data.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SUNBAE_DB=/app/data/sunbae.db \
    SUNBAE_CONTENT=/app/content

WORKDIR /app
RUN useradd --create-home --uid 10001 sunbae

# The same install step CI runs (pip install of the project), minus the test extras.
# content/ is part of the package (the wheel ships it), and stays at /app/content, the folder
# SUNBAE_CONTENT names, which an operator may mount their own advice over.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY content ./content
RUN pip install .

RUN mkdir -p /app/data && chown sunbae:sunbae /app/data
USER sunbae
VOLUME ["/app/data"]

# Healthy when the database opens read-only and passes quick_check, content is loaded, and the
# bot wrote its gateway heartbeat in the last two minutes (`python -m bot health`).
HEALTHCHECK --interval=60s --timeout=20s --start-period=120s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

CMD ["python", "-m", "bot", "run"]
