FROM python:3.11-slim-bookworm
# WeasyPrint needs Pango; fonts give the pack its typography.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 poppler-utils \
        tesseract-ocr tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir .
ENV REVIEWPACK_HOME=/data
CMD ["reviewpack", "--help"]
