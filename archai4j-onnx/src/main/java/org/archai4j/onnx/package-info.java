/**
 * Models exported by archai4j as ONNX ({@code model.onnx}) run on ONNX Runtime, with no DJL and no PyTorch on the
 * classpath: {@link org.archai4j.onnx.OnnxModel} loads one and predicts, {@link org.archai4j.onnx.OnnxMetadata}
 * says what the file's graph takes and scores, and {@link org.archai4j.onnx.ImagePixels} turns images into inputs
 * as training did (both prediction routes use it).
 */
package org.archai4j.onnx;
