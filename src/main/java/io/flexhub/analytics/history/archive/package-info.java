/**
 * Reading zip archives that strangers upload, without Spring or Camel: {@link
 * io.flexhub.analytics.history.archive.ZipArchive} checks the central directory before it decompresses anything
 * and every decompressed byte while it streams, and refuses the archive as a whole at the first hostile property.
 */
package io.flexhub.analytics.history.archive;
