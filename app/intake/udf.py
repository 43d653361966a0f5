"""A read-only reader for UDF images, including *pure* UDF (no ISO 9660 descriptors).

Windows' "like a USB flash drive" burning writes pure UDF, which pycdlib refuses. This reads just
what intake needs, following ECMA-167 3rd ed. and OSTA UDF 2.60: the anchor at sector 256, the
volume descriptor sequence (primary volume, partition, logical volume), the file set, directories
made of file identifier descriptors, and file entries (plain and extended) with short, long or
embedded allocation descriptors. Type 1 partition maps, sparable maps (read as plain: an image has
no defects to spare) and the UDF 2.50 metadata partition are understood; a VAT (incrementally
written CD-R) is reported as unsupported rather than misread.

Everything is read by sector through one seekable file object, so a 4 GB image is never in memory.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

ANCHOR_SECTOR = 256
SECTOR_SIZES = (2048, 512, 4096, 1024)

TAG_PVD = 1
TAG_AVDP = 2
TAG_VDP = 3
TAG_PD = 5
TAG_LVD = 6
TAG_TD = 8
TAG_FSD = 256
TAG_FID = 257
TAG_AED = 258
TAG_FE = 261
TAG_EFE = 266

MAX_DIRECTORY_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64


class UdfError(Exception):
    """The image is not UDF, or uses a feature this reader does not handle."""


@dataclass(frozen=True)
class Extent:
    partition: int
    block: int
    length: int
    recorded: bool


@dataclass
class UdfFile:
    path: str
    size: int
    extents: list[Extent] = field(default_factory=list)
    embedded: bytes | None = None


def _tag_ok(data: bytes, expected_location: int | None = None) -> int | None:
    """The tag identifier of a descriptor if its checksum (and location) hold, else None."""
    if len(data) < 16:
        return None
    checksum = (sum(data[0:4]) + sum(data[5:16])) & 0xFF
    if checksum != data[4]:
        return None
    ident, _version = struct.unpack_from("<HH", data, 0)
    location = struct.unpack_from("<I", data, 12)[0]
    if expected_location is not None and location != expected_location:
        return None
    return ident


def decode_dchars(raw: bytes) -> str:
    """OSTA compressed Unicode: a compression id byte (8 or 254: one byte a char, 16 or 255: UTF-16BE)."""
    if not raw:
        return ""
    comp, body = raw[0], raw[1:]
    if comp in (8, 254):
        return body.decode("latin-1")
    if comp in (16, 255):
        return body[: len(body) // 2 * 2].decode("utf-16-be", errors="replace")
    raise UdfError(f"unknown OSTA compression id {comp}")


def decode_dstring(raw: bytes) -> str:
    """A fixed-size dstring: its last byte holds the used length."""
    used = raw[-1]
    if used == 0:
        return ""
    return decode_dchars(raw[:used]).rstrip("\x00 ")


class UdfImage:
    """An open UDF image: ``label``, and ``walk()`` over its files."""

    def __init__(self, fp: BinaryIO) -> None:
        self.fp = fp
        self.sector = self._find_sector_size()
        self.label = ""
        self.partitions: dict[int, tuple[int, int]] = {}
        self.maps: list[tuple[str, int]] = []
        self._metadata_extents: list[Extent] | None = None
        self._read_volume()

    def _read(self, sector: int, count: int = 1) -> bytes:
        self.fp.seek(sector * self.sector)
        return self.fp.read(count * self.sector)

    def _find_sector_size(self) -> int:
        size = anchor_sector_size(self.fp)
        if size is None:
            raise UdfError("no UDF anchor volume descriptor at sector 256")
        return size

    def _read_volume(self) -> None:
        anchor = self._read(ANCHOR_SECTOR)
        length, location = struct.unpack_from("<II", anchor, 16)
        lvd = None
        sectors_left = max(1, length // self.sector)
        sector = location
        visited = 0
        while sectors_left > 0 and visited < 4096:
            visited += 1
            data = self._read(sector)
            ident = _tag_ok(data, sector)
            if ident is None or ident == TAG_TD:
                break
            if ident == TAG_VDP:
                next_len, next_loc = struct.unpack_from("<II", data, 20)
                sector, sectors_left = next_loc, max(1, next_len // self.sector)
                continue
            if ident == TAG_PVD and not self.label:
                self.label = decode_dstring(data[24:56])
            elif ident == TAG_PD:
                number = struct.unpack_from("<H", data, 22)[0]
                start, plen = struct.unpack_from("<II", data, 188)
                self.partitions[number] = (start, plen)
            elif ident == TAG_LVD:
                lvd = data
            sector += 1
            sectors_left -= 1
        if lvd is None or not self.partitions:
            raise UdfError("the UDF volume descriptor sequence has no logical volume or partition")
        block_size = struct.unpack_from("<I", lvd, 212)[0]
        if block_size != self.sector:
            raise UdfError(f"logical block size {block_size} differs from sector size {self.sector}")
        lv_label = decode_dstring(lvd[84:212])
        if lv_label:
            self.label = lv_label
        self._parse_partition_maps(lvd)
        fsd_ad = lvd[248:264]
        _len, fsd_block, fsd_part = struct.unpack_from("<IIH", fsd_ad, 0)
        fsd = self._read_block(fsd_part, fsd_block)
        if _tag_ok(fsd) != TAG_FSD:
            raise UdfError("file set descriptor not found")
        _root_len, root_block, root_part = struct.unpack_from("<IIH", fsd, 400)
        self._root = (root_part, root_block)

    def _parse_partition_maps(self, lvd: bytes) -> None:
        count = struct.unpack_from("<I", lvd, 268)[0]
        offset = 440
        metadata: tuple[int, int] | None = None
        for index in range(count):
            map_type, map_len = lvd[offset], lvd[offset + 1]
            if map_type == 1:
                number = struct.unpack_from("<H", lvd, offset + 4)[0]
                self.maps.append(("physical", number))
            elif map_type == 2:
                ident = lvd[offset + 5 : offset + 28].rstrip(b"\x00")
                number = struct.unpack_from("<H", lvd, offset + 38)[0]
                if ident.startswith(b"*UDF Metadata Partition"):
                    self.maps.append(("metadata", number))
                    metadata = (index, struct.unpack_from("<I", lvd, offset + 40)[0])
                elif ident.startswith(b"*UDF Sparable Partition"):
                    self.maps.append(("physical", number))
                elif ident.startswith(b"*UDF Virtual Partition"):
                    raise UdfError("incrementally written (VAT) UDF discs are not supported")
                else:
                    raise UdfError(f"unknown partition map {ident!r}")
            else:
                raise UdfError(f"unknown partition map type {map_type}")
            offset += map_len
        if metadata is not None:
            _map_index, file_block = metadata
            physical_ref = next(i for i, (kind, _n) in enumerate(self.maps) if kind == "physical")
            entry = self._read_block(physical_ref, file_block)
            parsed = self._parse_file_entry(entry, physical_ref, "<metadata>")
            self._metadata_extents = parsed.extents

    def _physical_sector(self, partition_ref: int, block: int) -> int:
        kind, number = self.maps[partition_ref]
        if kind == "metadata":
            assert self._metadata_extents is not None
            remaining = block * self.sector
            for extent in self._metadata_extents:
                if remaining < extent.length:
                    return self._physical_sector(extent.partition, extent.block) + remaining // self.sector
                remaining -= extent.length
            raise UdfError("block outside the metadata partition")
        if number not in self.partitions:
            raise UdfError(f"partition {number} is not described")
        start, length = self.partitions[number]
        if block >= length:
            raise UdfError("block outside its partition")
        return start + block

    def _read_block(self, partition_ref: int, block: int) -> bytes:
        return self._read(self._physical_sector(partition_ref, block))

    def _parse_file_entry(self, data: bytes, partition_ref: int, path: str) -> UdfFile:
        ident = _tag_ok(data)
        if ident == TAG_FE:
            ea_len, ad_len = struct.unpack_from("<II", data, 168)
            ad_start = 176 + ea_len
        elif ident == TAG_EFE:
            ea_len, ad_len = struct.unpack_from("<II", data, 208)
            ad_start = 216 + ea_len
        else:
            raise UdfError(f"{path}: no file entry where one was expected")
        size = struct.unpack_from("<Q", data, 56)[0]
        alloc_type = struct.unpack_from("<H", data, 34)[0] & 0x7
        ads = data[ad_start : ad_start + ad_len]
        entry = UdfFile(path=path, size=size)
        if alloc_type == 3:
            entry.embedded = ads[:size]
            return entry
        entry.extents = self._parse_ads(ads, alloc_type, partition_ref)
        return entry

    def _parse_ads(self, ads: bytes, alloc_type: int, partition_ref: int) -> list[Extent]:
        extents: list[Extent] = []
        step = {0: 8, 1: 16}.get(alloc_type)
        if step is None:
            raise UdfError("extended allocation descriptors are not supported")
        pos = 0
        while pos + step <= len(ads):
            raw_len, block = struct.unpack_from("<II", ads, pos)
            part = struct.unpack_from("<H", ads, pos + 8)[0] if step == 16 else partition_ref
            length, kind = raw_len & 0x3FFFFFFF, raw_len >> 30
            pos += step
            if length == 0:
                break
            if kind == 3:
                # The rest of the descriptors continue in an allocation extent descriptor.
                more = self._read_block(part, block)
                if _tag_ok(more) != TAG_AED:
                    raise UdfError("broken allocation extent chain")
                more_len = struct.unpack_from("<I", more, 20)[0]
                extents.extend(self._parse_ads(more[24 : 24 + more_len], alloc_type, partition_ref))
                break
            extents.append(Extent(part, block, length, recorded=(kind == 0)))
        return extents

    def _read_entry_bytes(self, entry: UdfFile, limit: int) -> bytes:
        if entry.embedded is not None:
            return entry.embedded
        if entry.size > limit:
            raise UdfError(f"{entry.path}: directory larger than {limit} bytes")
        stream = UdfFileStream(self, entry)
        return stream.read()

    def _directory(self, partition_ref: int, block: int, path: str) -> Iterator[tuple[str, bool, int, int]]:
        entry = self._parse_file_entry(self._read_block(partition_ref, block), partition_ref, path)
        data = self._read_entry_bytes(entry, MAX_DIRECTORY_BYTES)
        pos = 0
        while pos + 38 <= len(data):
            if _tag_ok(data[pos : pos + 16]) != TAG_FID:
                break
            characteristics = data[pos + 18]
            name_len = data[pos + 19]
            _icb_len, icb_block, icb_part = struct.unpack_from("<IIH", data, pos + 20)
            iu_len = struct.unpack_from("<H", data, pos + 36)[0]
            name_raw = data[pos + 38 + iu_len : pos + 38 + iu_len + name_len]
            pos += (38 + iu_len + name_len + 3) & ~3
            if characteristics & 0x08 or characteristics & 0x04:
                continue  # the parent entry, or a deleted one
            yield decode_dchars(name_raw), bool(characteristics & 0x02), icb_part, icb_block

    def walk(self) -> Iterator[UdfFile]:
        """Every regular file, depth first, names sorted, paths '/'-separated without a leading slash."""
        stack: list[tuple[str, int, int, int]] = [("", self._root[0], self._root[1], 0)]
        seen: set[tuple[int, int]] = set()
        while stack:
            prefix, part, block, depth = stack.pop()
            if (part, block) in seen or depth > MAX_DEPTH:
                continue
            seen.add((part, block))
            children = sorted(self._directory(part, block, prefix or "/"), key=lambda c: c[0])
            subdirs = []
            for name, is_dir, child_part, child_block in children:
                child_path = f"{prefix}/{name}" if prefix else name
                if is_dir:
                    subdirs.append((child_path, child_part, child_block, depth + 1))
                    continue
                raw = self._read_block(child_part, child_block)
                yield self._parse_file_entry(raw, child_part, child_path)
            stack.extend(reversed(subdirs))

    def open(self, entry: UdfFile) -> io.RawIOBase:
        return UdfFileStream(self, entry)


class UdfFileStream(io.RawIOBase):
    """Sequential reads over a file's extents; unrecorded extents read as zeros."""

    def __init__(self, image: UdfImage, entry: UdfFile) -> None:
        self.image = image
        self.entry = entry
        self.remaining = entry.size
        self.extent_index = 0
        self.extent_offset = 0
        self.embedded = io.BytesIO(entry.embedded) if entry.embedded is not None else None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._next_chunk(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _next_chunk(self, wanted: int) -> bytes:
        if self.remaining <= 0:
            return b""
        if self.embedded is not None:
            data = self.embedded.read(min(wanted, self.remaining))
            self.remaining -= len(data)
            return data
        extents = self.entry.extents
        while self.extent_index < len(extents):
            extent = extents[self.extent_index]
            left_in_extent = extent.length - self.extent_offset
            if left_in_extent <= 0:
                self.extent_index += 1
                self.extent_offset = 0
                continue
            take = min(wanted, left_in_extent, self.remaining)
            if extent.recorded:
                sector = self.image._physical_sector(extent.partition, extent.block)
                self.image.fp.seek(sector * self.image.sector + self.extent_offset)
                data = self.image.fp.read(take)
                if len(data) < take:
                    raise UdfError(f"{self.entry.path}: the image ends inside the file")
            else:
                data = bytes(take)
            self.extent_offset += take
            self.remaining -= take
            return data
        raise UdfError(f"{self.entry.path}: extents shorter than the file size")


def anchor_sector_size(fp: BinaryIO) -> int | None:
    """The sector size at which a valid anchor sits at sector 256, or None: not UDF."""
    for size in SECTOR_SIZES:
        fp.seek(ANCHOR_SECTOR * size)
        if _tag_ok(fp.read(512), ANCHOR_SECTOR) == TAG_AVDP:
            return size
    return None
