# The fake API server and the conformance suite in one image (used by docker-compose.yml).
FROM node:20-slim
WORKDIR /kubeharness
COPY package.json package-lock.json ./
COPY bin ./bin
COPY tsconfig.json tsconfig.build.json ./
COPY fake-apiserver ./fake-apiserver
COPY client ./client
COPY conformance ./conformance
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
EXPOSE 6443
CMD ["node", "bin/kubeharness.js", "serve", "--host", "0.0.0.0", "--port", "6443", "--kubeconfig", "/shared/fake.kubeconfig"]
