# The register's image, in two stages: the builder installs the hash-locked requirements and
# the register itself into a virtualenv; the runtime stage copies only that virtualenv (no
# sources, no build backend, no pip) and runs as an unprivileged user.
# Both stages use the base pinned by digest (python:3.11-slim); refresh it with
#   docker buildx imagetools inspect python:3.11-slim
FROM python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7 AS builder
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY lifecycle ./lifecycle
COPY registry ./registry
COPY storage ./storage
COPY projections ./projections
COPY transparency ./transparency
COPY api ./api
COPY seed ./seed
COPY ocop ./ocop
COPY pages ./pages
COPY workspace ./workspace
RUN pip install --no-deps --no-build-isolation . \
    && pip uninstall --yes setuptools pip

FROM python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH
COPY --from=builder /opt/venv /opt/venv
# /app/keys holds the public log's signing key (compose's `init` writes it into a volume).
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin ocop \
    && mkdir -p /app/var /app/keys && chown ocop /app/var /app/keys && chmod 700 /app/keys
WORKDIR /app
USER 10001
ENV OCOP_HOST=0.0.0.0 OCOP_PORT=8000
EXPOSE 8000
CMD ["ocop", "serve"]
