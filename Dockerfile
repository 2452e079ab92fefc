# Switchboard portal (and, from the same image, migrations and CLI tools).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY agi-server/package.json agi-server/
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run db:generate && npx next build && npm run build:agi

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app ./
EXPOSE 3000
# One next start worker per core the container may use (WEB_CONCURRENCY overrides).
CMD ["node", "scripts/serve-portal.mjs", "-p", "3000"]
