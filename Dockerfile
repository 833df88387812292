# The hub as a container: built with Maven, run on a JRE as an unprivileged user, from the jar's layers
# (dependencies first, so a rebuild after a code change reuses them). The jar holds the default routes
# and configuration; /app/routes and /app/config (the working directory's) replace or override them, so
# docker-compose mounts them for live editing.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
RUN mvn -B -q package -DskipTests \
 && cp target/product-sync-hub-*.jar /src/application.jar \
 && java -Djarmode=tools -jar /src/application.jar extract --layers --destination /src/extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system hub && useradd --system --gid hub --home-dir /app hub
WORKDIR /app
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY --from=build /src/extracted/application/ ./
COPY routes /app/routes
COPY config /app/config
RUN mkdir -p /app/data && chown -R hub:hub /app/data
USER hub
EXPOSE 8080
# ready = started and the database answers (/actuator/health/readiness); bash's /dev/tcp, as the JRE
# image has no curl for certain
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/application.jar"]
