# MLSeg build entry points. `make demo` and `make test` are the two commands README promises.
SHELL := /bin/bash
CONFIG ?= Release
NATIVE := artifacts/native
# plotly.js embedded in HTML reports (npm plotly.js-dist-min, exact version; install scripts ignored).
PLOTLY_VERSION := 4.1.2
# ONNX Runtime (CPU build) from npm onnxruntime-node, exact version; its C API version is 22 (MLSeg.Onnx ORT_API_VERSION).
ORT_VERSION := 1.22.0
RESULTS := artifacts/test-results
# LIBTORCH_DIR (or Torch_DIR) selects another libtorch, e.g. the CUDA one bundled with a PyTorch install.
LIBTORCH_DIR ?=
Torch_DIR ?=

# Runtime prerequisites (Debian 12 package names).
APT_RUNTIME := libtorch-dev cmake g++ make libturbojpeg0 libcharls2 libopenjp2-7
# Independent references the tests cross-check against.
APT_TEST := python3-torch python3-torchvision python3-pydicom python3-gdcm python3-scipy python3-onnx \
            python3-nibabel python3-pil python3-yaml dcmtk libgdcm-tools chromium slurm-wlm munge
# Jupyter's client and exporter, which run notebooks in the .NET Interactive kernel (notebooks/README.md).
APT_NOTEBOOKS := python3 python3-nbclient jupyter-nbconvert

.PHONY: setup setup-test native notebooks-setup build test demo clean cli-docs

define apt_ensure
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then echo "setup: missing Debian packages:$$missing"; echo "setup: install them with: sudo apt-get install$$missing"; exit 1; fi; \
	  echo "setup: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || { echo "setup: apt-get install$$missing failed"; exit 1; }; \
	fi
endef

setup: native

setup-test: setup notebooks-setup
	$(call apt_ensure,$(APT_TEST))

# The .NET Interactive kernel (pinned tool, FSharp.Core 10.1, Jupyter kernel specs), all under artifacts/.
notebooks-setup:
	$(call apt_ensure,$(APT_NOTEBOOKS))
	notebooks/setup-kernel.sh

native:
	$(call apt_ensure,$(APT_RUNTIME))
	@command -v npm >/dev/null || { echo "setup: npm (Node.js) is required for ONNX Runtime and plotly.js; install Node.js 18+ with npm"; exit 1; }
	@mkdir -p $(NATIVE)
	@tdir="$(Torch_DIR)"; [ -z "$$tdir" ] && [ -n "$(LIBTORCH_DIR)" ] && tdir="$(LIBTORCH_DIR)/share/cmake/Torch"; \
	cmake -S src/MLSeg.Torch/native -B $(NATIVE)/build-torch -DCMAKE_BUILD_TYPE=Release \
	  $${tdir:+-DTorch_DIR=$$tdir} -DMLSEG_OUTPUT_DIR=$(abspath $(NATIVE)) >$(NATIVE)/cmake-configure.log 2>&1 \
	  || { cat $(NATIVE)/cmake-configure.log; exit 1; }; \
	cmake --build $(NATIVE)/build-torch -j2 2>&1 | grep -E 'error|warning|Linking' || true; \
	test -f $(NATIVE)/libmlseg_torch.so || { echo "setup: native shim did not build"; exit 1; }
	@if [ -f $(NATIVE)/plotly.min.js ] && [ "$$(cat $(NATIVE)/plotly.version 2>/dev/null)" = "$(PLOTLY_VERSION)" ]; then :; else \
	  echo "setup: installing plotly.js-dist-min@$(PLOTLY_VERSION)"; \
	  npm install --no-save --ignore-scripts --no-audit --no-fund --prefix $(NATIVE)/npm plotly.js-dist-min@$(PLOTLY_VERSION) >$(NATIVE)/npm-plotly.log 2>&1 \
	    || { cat $(NATIVE)/npm-plotly.log; echo "setup: npm install plotly.js-dist-min@$(PLOTLY_VERSION) failed"; exit 1; }; \
	  cp $(NATIVE)/npm/node_modules/plotly.js-dist-min/plotly.min.js $(NATIVE)/plotly.min.js.tmp \
	    && mv $(NATIVE)/plotly.min.js.tmp $(NATIVE)/plotly.min.js \
	    && echo "$(PLOTLY_VERSION)" >$(NATIVE)/plotly.version; \
	fi
	@if [ -f $(NATIVE)/libonnxruntime.so.1 ] && [ "$$(cat $(NATIVE)/onnxruntime.version 2>/dev/null)" = "$(ORT_VERSION)" ]; then :; else \
	  echo "setup: installing onnxruntime-node@$(ORT_VERSION)"; \
	  npm install --no-save --ignore-scripts --no-audit --no-fund --prefix $(NATIVE)/npm-ort onnxruntime-node@$(ORT_VERSION) >$(NATIVE)/npm-ort.log 2>&1 \
	    || { cat $(NATIVE)/npm-ort.log; echo "setup: npm install onnxruntime-node@$(ORT_VERSION) failed"; exit 1; }; \
	  cp $(NATIVE)/npm-ort/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1 $(NATIVE)/libonnxruntime.so.1.tmp \
	    && mv $(NATIVE)/libonnxruntime.so.1.tmp $(NATIVE)/libonnxruntime.so.1 \
	    && echo "$(ORT_VERSION)" >$(NATIVE)/onnxruntime.version; \
	fi

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
	rm -rf artifacts/build artifacts/native artifacts/test-results artifacts/dotnet-interactive artifacts/jupyter artifacts/notebooks

# Executes notebooks/*.ipynb headless and offline in the .NET Interactive C# kernel into artifacts/notebooks/
# (<name>.ipynb with outputs, <name>.html). The tests run them too (tests/MLSeg.Notebooks.Tests).
.PHONY: notebooks
notebooks: setup notebooks-setup
	dotnet build notebooks/MLSeg.Notebooks -c Release -v quiet -nologo
	notebooks/run-notebooks.sh
