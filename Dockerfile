FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY lifecycle ./lifecycle
COPY projections ./projections
COPY api ./api
RUN pip install --no-cache-dir .
ENV OCOP_HOST=0.0.0.0 OCOP_PORT=8000
EXPOSE 8000
CMD ["ocop", "serve"]
