# BYO Key Planner: one Streamlit server per container (see docs/operations.md).
#   docker build -t byo-key-planner .
#   docker run -p 8501:8501 --env-file deploy/replica.env byo-key-planner
# tests/deploy/test_container_entry.py runs this file's CMD and HEALTHCHECK
# locally, so keep them in JSON (exec) form.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin planner
WORKDIR /app

# Pinned dependencies first: this layer is rebuilt only when the lock changes.
COPY requirements.lock ./
RUN pip install -r requirements.lock

# The package, installed in place: byo_core reads data/ next to itself.
COPY pyproject.toml README.md ./
COPY byo_core/ byo_core/
COPY data/ data/
RUN pip install --no-deps -e . && chown -R planner:planner /app
COPY .streamlit/ .streamlit/
COPY byo_app/ byo_app/
COPY app.py ./
COPY pages/ pages/

USER planner
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() == b'ok' else 1)"]

CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
