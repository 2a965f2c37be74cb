# The register's image: the service's hash-locked requirements only, run as an unprivileged user.
# The base is pinned by digest (python:3.11-slim); refresh it with
#   docker buildx imagetools inspect python:3.11-slim
FROM python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY lifecycle ./lifecycle
COPY registry ./registry
COPY projections ./projections
COPY api ./api
COPY seed ./seed
COPY ocop ./ocop
COPY pages ./pages
COPY workspace ./workspace
RUN pip install --no-deps --no-build-isolation . \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin ocop \
    && mkdir -p /app/var && chown ocop /app/var
USER 10001
ENV OCOP_HOST=0.0.0.0 OCOP_PORT=8000
EXPOSE 8000
CMD ["ocop", "serve"]
