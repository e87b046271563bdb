# A small, non-root image of the htmpl CLI:
#   docker build -t htmpl .
#   docker run --rm -v "$PWD:/work" htmpl template web ./charts/web
# The build stage compiles with meson on Debian 12; the final stage holds the binary, the
# shared library and the runtime libraries only, and runs as an unprivileged user.
FROM debian:12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential meson \
        ninja-build pkg-config libyaml-dev libre2-dev libpcre2-dev libutf8proc-dev libssl-dev zlib1g-dev \
        libcrypt-dev && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN meson setup /build /src --buildtype=release --prefix=/usr -Dtests=false \
        -Ddefault_library=shared && ninja -C /build && DESTDIR=/out meson install -C /build \
    && rm -rf /out/usr/include /out/usr/lib/*/pkgconfig /out/usr/share

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libyaml-0-2 libre2-9 \
        libpcre2-8-0 libutf8proc2 libssl3 zlib1g libcrypt1 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ /
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["htmpl"]
CMD ["--help"]
