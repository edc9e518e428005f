# MLSeg build entry points. `make demo` and `make test` are the two commands README promises.
SHELL := /bin/bash
CONFIG ?= Release
NATIVE := artifacts/native
# plotly.js embedded in HTML reports (npm plotly.js-dist-min, exact version; install scripts ignored).
PLOTLY_VERSION := 4.1.2
# ONNX Runtime comes from NuGet (Microsoft.ML.OnnxRuntime, pinned in Directory.Packages.props). GPU=1 also builds the
# CUDA variant (Microsoft.ML.OnnxRuntime.Gpu.Linux, a 246 MB download) into artifacts/build-gpu; MLSEG_GPU=1 ./mlseg runs it.
GPU ?=
RESULTS := artifacts/test-results
# LIBTORCH_DIR selects another libtorch lib folder for the engine, e.g. a CUDA PyTorch install's torch/lib
# (default: NuGet's libtorch-cpu-linux-x64, see tools/native/prepare-libtorch.sh).
LIBTORCH_DIR ?=

# Runtime prerequisites (Debian 12 package names).
APT_RUNTIME := g++ make patchelf libturbojpeg0 libcharls2 libopenjp2-7
# Independent references the tests cross-check against.
APT_TEST := python3-torch python3-torchvision python3-pydicom python3-gdcm python3-scipy python3-onnx \
            python3-nibabel python3-pil python3-yaml dcmtk libgdcm-tools chromium slurm-wlm munge
# Jupyter's client and exporter, which run notebooks in the .NET Interactive kernel (notebooks/README.md).
APT_NOTEBOOKS := python3 python3-nbclient jupyter-nbconvert

.PHONY: setup setup-test native gpu notebooks-setup build test demo clean cli-docs

define apt_ensure
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then echo "setup: missing Debian packages:$$missing"; echo "setup: install them with: sudo apt-get install$$missing"; exit 1; fi; \
	  echo "setup: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || { echo "setup: apt-get install$$missing failed"; exit 1; }; \
	fi
endef

setup: native $(if $(GPU),gpu,)

setup-test: setup notebooks-setup
	$(call apt_ensure,$(APT_TEST))

# The .NET Interactive kernel (pinned tool, FSharp.Core 10.1, Jupyter kernel specs), all under artifacts/.
notebooks-setup:
	$(call apt_ensure,$(APT_NOTEBOOKS))
	notebooks/setup-kernel.sh

native:
	$(call apt_ensure,$(APT_RUNTIME))
	@command -v npm >/dev/null || { echo "setup: npm (Node.js) is required for plotly.js; install Node.js 18+ with npm"; exit 1; }
	@mkdir -p $(NATIVE)
	@tools/native/prepare-libtorch.sh $(NATIVE)/libtorch $(LIBTORCH_DIR)
	@if [ -f $(NATIVE)/plotly.min.js ] && [ "$$(cat $(NATIVE)/plotly.version 2>/dev/null)" = "$(PLOTLY_VERSION)" ]; then :; else \
	  echo "setup: installing plotly.js-dist-min@$(PLOTLY_VERSION)"; \
	  npm install --no-save --ignore-scripts --no-audit --no-fund --prefix $(NATIVE)/npm plotly.js-dist-min@$(PLOTLY_VERSION) >$(NATIVE)/npm-plotly.log 2>&1 \
	    || { cat $(NATIVE)/npm-plotly.log; echo "setup: npm install plotly.js-dist-min@$(PLOTLY_VERSION) failed"; exit 1; }; \
	  cp $(NATIVE)/npm/node_modules/plotly.js-dist-min/plotly.min.js $(NATIVE)/plotly.min.js.tmp \
	    && mv $(NATIVE)/plotly.min.js.tmp $(NATIVE)/plotly.min.js \
	    && echo "$(PLOTLY_VERSION)" >$(NATIVE)/plotly.version; \
	fi

# The CLI with ONNX Runtime's CUDA execution provider (needs CUDA 13 + cuDNN 9 at run time; see README, GPU).
gpu:
	dotnet build src/MLSeg.Cli/MLSeg.Cli.csproj -c $(CONFIG) -p:MLSegGpu=true -v quiet -nologo

build: setup
	dotnet build MLSeg.sln -c $(CONFIG) -v quiet -nologo

test: setup-test build
	@rm -rf $(RESULTS); \
	projects=$$(ls tests/*/*.csproj | grep -v TestKit | wc -l); \
	dotnet test MLSeg.sln -c $(CONFIG) --no-build --results-directory $(RESULTS) -v quiet -nologo; \
	.ci/test-summary.sh $(RESULTS) $$projects

demo: setup build
	./mlseg demo $(if $(GPU),--gpu,)

# Regenerates docs/CLI.md from the CLI's --help output (the test CliReferenceTests checks it is current).
cli-docs: build
	MLSEG_UPDATE_DOCS=1 dotnet test tests/MLSeg.Cli.Tests -c $(CONFIG) --no-build --filter CliReferenceTests -v quiet -nologo

clean:
	rm -rf artifacts/build artifacts/build-gpu artifacts/native artifacts/test-results artifacts/dotnet-interactive artifacts/jupyter artifacts/notebooks

# Executes notebooks/*.ipynb headless and offline in the .NET Interactive C# kernel into artifacts/notebooks/
# (<name>.ipynb with outputs, <name>.html). The tests run them too (tests/MLSeg.Notebooks.Tests).
.PHONY: notebooks
notebooks: setup notebooks-setup
	dotnet build notebooks/MLSeg.Notebooks -c Release -v quiet -nologo
	notebooks/run-notebooks.sh
