# syntax=docker/dockerfile:1
# The OpenAstro image named by the Kubernetes manifests (k8s/):
#   docker build -t ghcr.io/openastro/openastro:0.1.0 .
# One image for every role: PROCESS_ROLES chooses gateway, scheduler or both.

# --- build: README's package command, producing the shaded app/target/openastro.jar ---
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds, so only changed code is rebuilt.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl app -am package

# --- runtime: a JRE and the jar, run as an unprivileged user ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 openastro \
 && useradd --system --uid 10001 --gid openastro --home-dir /app --no-create-home openastro \
 && mkdir -p /app/data \
 && chown -R openastro:openastro /app
WORKDIR /app
COPY --from=build --chown=openastro:openastro /src/app/target/openastro.jar /app/openastro.jar
USER 10001:10001
# Heap from the container's memory limit; die on OutOfMemoryError so Kubernetes restarts the
# pod instead of leaving a half-working JVM. The --add-opens are those Hazelcast asks for on
# Java 17 (the clustered event bus). JDK_JAVA_OPTIONS is read by the java launcher; override it
# in the pod spec to tune.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError \
--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens java.management/sun.management=ALL-UNNAMED \
--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
# HTTP API + /health + /metrics, MQTT, MQTT over TLS, cluster (Hazelcast)
EXPOSE 8080 1883 8883 5701
# The embedded local Cassandra node is a development convenience that needs the build's Maven
# repository: in this image, set CASSANDRA_CONTACT_POINTS to a cluster (the manifests do).
# Exec form: java is PID 1 and gets SIGTERM, which runs the graceful shutdown (SHUTDOWN_GRACE).
# ExitOnOutOfMemoryError again here, so a pod spec that overrides JDK_JAVA_OPTIONS keeps it: a
# JVM that ran out of memory dies and is restarted instead of staying up deaf.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/openastro.jar"]
