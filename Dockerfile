# ExplainerStudio container image: NVIDIA's CUDA 13 + cuDNN 9 runtime, the studio built with the GPU ONNX Runtime
# package (Microsoft.ML.OnnxRuntime.Gpu.Linux, OrtFlavor=Gpu), ffmpeg and espeak-ng.
#
#   docker build -t explainerstudio .
#   docker run --gpus all -p 5000:5000 -v studio-data:/app/data -v studio-models:/app/models explainerstudio
#
# The host needs an NVIDIA driver new enough for CUDA 13 and the NVIDIA Container Toolkit (for --gpus all).
# This file could not be built on the project's own machines (they have no Docker engine); see README.md.

# --- build: publish the web app with the GPU flavour of ONNX Runtime (restored from NuGet) -----------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ExplainerStudio.Web/ExplainerStudio.Web.csproj -c Release -o /app \
        -r linux-x64 --no-self-contained -p:OrtFlavor=Gpu

# --- .NET runtime, taken from the official image so the CUDA image below needs no Microsoft package feed ---------
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS dotnet

# --- runtime: CUDA 13 and cuDNN 9, which libonnxruntime_providers_cuda.so loads ------------------------------------
FROM nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg espeak-ng ca-certificates libicu74 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
COPY --from=build /app /app

WORKDIR /app
ENV ASPNETCORE_URLS=http://0.0.0.0:5000 \
    Generation__ExecutionProvider=Auto
# The database, renders and exports; and the model packs (previz is in the image; add real packs to the volume).
VOLUME ["/app/data", "/app/models"]
EXPOSE 5000
ENTRYPOINT ["dotnet", "/app/ExplainerStudio.Web.dll"]
