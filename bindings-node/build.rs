//! Build script: sets the linker flags a Node addon needs (symbols resolve against the node binary).

fn main() {
    napi_build::setup();
}
