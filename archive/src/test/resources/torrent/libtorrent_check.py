"""The independent BitTorrent implementation the torrent tests check against: libtorrent 2.0
(Debian's python3-libtorrent). Prints one JSON object on stdout.

  libtorrent_check.py parse    <torrent>                    what libtorrent reads in the torrent
  libtorrent_check.py verify   <torrent> <dir> <timeout_s>  libtorrent checks files already in <dir>
  libtorrent_check.py download <torrent> <dir> <timeout_s>  downloads into <dir> from the web seed

A session here never finds a peer: no DHT, no local discovery, no tracker (the torrents have none),
listening on loopback only. So a download can only come from the torrent's web seed (url-list).
libtorrent verifies every piece it gets against the torrent's hashes (v1 SHA-1 pieces and the v2
merkle tree of a hybrid torrent) before it counts it: piece_finished_alert only for pieces that
passed, hash_failed_alert for those that did not.
"""
import hashlib
import json
import os
import sys
import time

import libtorrent as lt


def parse(path):
    ti = lt.torrent_info(path)
    hashes = ti.info_hashes()
    files = ti.files()
    return ti, {
        "has_v1": hashes.has_v1(),
        "has_v2": hashes.has_v2(),
        "v1": str(hashes.v1),
        "v2": str(hashes.v2),
        "name": ti.name(),
        "piece_length": ti.piece_length(),
        "num_pieces": ti.num_pieces(),
        "total_size": ti.total_size(),
        "web_seeds": [w["url"] for w in ti.web_seeds()],
        "files": [{"path": files.file_path(i), "size": files.file_size(i), "pad": bool(files.file_flags(i) & lt.file_storage.flag_pad_file)}
                  for i in range(files.num_files())],
    }


def session():
    return lt.session({
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "alert_mask": int(lt.alert_category.all),
    })


def run(path, save_dir, timeout_s, download):
    ti, out = parse(path)
    ses = session()
    atp = lt.add_torrent_params()
    atp.ti = ti
    atp.save_path = save_dir
    handle = ses.add_torrent(atp)
    finished, failed, errors = set(), [], []
    deadline = time.monotonic() + timeout_s
    status = handle.status()
    while True:
        for a in ses.pop_alerts():
            if isinstance(a, lt.piece_finished_alert):
                finished.add(int(a.piece_index))
            elif isinstance(a, lt.hash_failed_alert):
                failed.append(int(a.piece_index))
            elif isinstance(a, (lt.url_seed_alert, lt.torrent_error_alert, lt.file_error_alert, lt.fastresume_rejected_alert)):
                errors.append(a.message())
        status = handle.status()
        # Complete: seeding with every piece counted, and for a download every piece's
        # piece_finished_alert seen (libtorrent may report seeding a moment before the last piece
        # is counted). Verify: also done once the check of the files on disk ended short of
        # complete (downloading).
        complete = status.is_seeding and status.num_pieces == ti.num_pieces() \
            and (not download or len(finished) == ti.num_pieces())
        if complete or (not download and status.state == lt.torrent_status.downloading):
            break
        if time.monotonic() > deadline:
            out["timed_out"] = True
            break
        # not a fixed sleep: returns as soon as libtorrent has something to say
        ses.wait_for_alert(100)
    for a in ses.pop_alerts():
        if isinstance(a, lt.piece_finished_alert):
            finished.add(int(a.piece_index))
        elif isinstance(a, lt.hash_failed_alert):
            failed.append(int(a.piece_index))
    status = handle.status()
    out.update({
        "is_seeding": status.is_seeding,
        "pieces_have": int(status.num_pieces),
        "pieces_finished_downloading": len(finished),
        "hash_failures": failed,
        "errors": errors,
        "payload_downloaded": int(status.total_payload_download),
        "state": str(status.state),
    })
    digests = {}
    files = ti.files()
    for i in range(files.num_files()):
        if files.file_flags(i) & lt.file_storage.flag_pad_file:
            continue
        p = os.path.join(save_dir, files.file_path(i))
        if os.path.exists(p):
            h = hashlib.sha256()
            with open(p, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            digests[files.file_path(i)] = h.hexdigest()
    out["sha256"] = digests
    return out


def main():
    mode = sys.argv[1]
    if mode == "parse":
        out = parse(sys.argv[2])[1]
    elif mode in ("verify", "download"):
        out = run(sys.argv[2], sys.argv[3], float(sys.argv[4]), mode == "download")
    else:
        raise SystemExit("unknown mode " + mode)
    out["libtorrent_version"] = lt.__version__
    print(json.dumps(out))


if __name__ == "__main__":
    main()
