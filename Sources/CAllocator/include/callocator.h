#ifndef SCRAPECLEAN_CALLOCATOR_H
#define SCRAPECLEAN_CALLOCATOR_H

/// Makes the C allocator serve blocks of at least `bytes` bytes from mappings of their own,
/// returned to the system when freed (glibc's `mallopt(M_MMAP_THRESHOLD, bytes)`). Returns 1
/// when the allocator took the setting, 0 when it did not or has no such setting.
int scrapeclean_set_mapped_block_minimum(int bytes);

#endif
