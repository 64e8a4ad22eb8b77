# ExplainerStudio container image: CUDA runtime + cuDNN, the GPU build of ONNX Runtime, ffmpeg and espeak-ng.
#
#   docker build -t explainerstudio .
#   docker run --gpus all -p 5000:5000 -v studio-data:/app/data -v studio-models:/app/models explainerstudio
#
# This file could not be built on the project's own machines (they have no Docker engine); see README.md.

# --- build: publish the web app (the CPU ONNX Runtime library is fetched from npm during the build) -------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/ExplainerStudio.Web/ExplainerStudio.Web.csproj -c Release -o /app --no-self-contained

# --- the GPU build of ONNX Runtime (CUDA 12, cuDNN 9), matching the version the binding was written against --------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS onnxruntime-gpu
ARG ORT_VERSION=1.30.0
ARG ORT_GPU_ARCHIVE=https://github.com/microsoft/onnxruntime/releases/download/v${ORT_VERSION}/onnxruntime-linux-x64-gpu-${ORT_VERSION}.tgz
RUN mkdir -p /ort \
    && curl -fsSL "$ORT_GPU_ARCHIVE" | tar -xz -C /ort --strip-components=1

# --- .NET runtime, taken from the official image so the CUDA image below needs no Microsoft package feed ---------
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS dotnet

# --- runtime -----------------------------------------------------------------------------------------------------
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg espeak-ng ca-certificates libicu74 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
COPY --from=onnxruntime-gpu /ort/lib/ /opt/onnxruntime/
COPY --from=build /app /app

WORKDIR /app
ENV ASPNETCORE_URLS=http://0.0.0.0:5000 \
    Generation__OnnxRuntimeLibrary=/opt/onnxruntime/libonnxruntime.so.1 \
    Generation__ExecutionProvider=Auto \
    LD_LIBRARY_PATH=/opt/onnxruntime
# The database, renders and exports; and the model packs (previz is in the image; add real packs to the volume).
VOLUME ["/app/data", "/app/models"]
EXPOSE 5000
ENTRYPOINT ["dotnet", "/app/ExplainerStudio.Web.dll"]
