"""Statements made at the meeting, attributed to the speaker, one Directive per topic."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pilkada.extract import Extractor

REGIONS_CSV = "code,name,level,province_code,alt_names\n35,Jawa Timur,province,35,\n"
HEAD = "Rakor Pilkada 2024\n\nRapat koordinasi Pilkada 2024 digelar Senin (5/8/2024).\n"


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.from_regions(pd.read_csv(io.StringIO(REGIONS_CSV), dtype=str))


def directives(ex: Extractor, body: str):
    res = ex.extract(HEAD + body)
    assert res.is_meeting
    return res.directives


@pytest.mark.parametrize("sentence,topic", [
    ("Bupati mengingatkan netralitas ASN.", "asn_neutrality"),
    ("Kapolres meminta protokol kesehatan dipatuhi.", "health_protocol"),
    ("Kapolres memaparkan pemetaan kerawanan di 17 kecamatan.", "security"),
    ("Kabinda mewaspadai hoaks dan kampanye hitam di media sosial.", "hoax_black_campaign"),
    ("KPU menargetkan partisipasi pemilih di atas 80 persen.", "voter_participation"),
    ("KPU menjelaskan distribusi logistik ke desa terpencil.", "logistics"),
    ("Bawaslu melarang alat peraga kampanye di sekolah.", "campaign_materials"),
    ("Bawaslu mengingatkan bahaya politik uang.", "money_politics"),
    ("Gubernur meminta semua pihak memperkuat sinergi.", "coordination"),
    ("Bupati meminta semua pihak menaati aturan KPU.", "regulation"),
    ("Sekda melaporkan dana hibah pilkada telah dicairkan.", "budget"),
])
def test_topics(ex, sentence, topic):
    assert topic in {d.topic for d in directives(ex, sentence)}


def test_one_sentence_several_topics_gives_one_directive_each(ex):
    ds = directives(ex, "“Kerawanan dalam Pilkada adalah berita hoax dan logistik,” kata Kapolres.")
    same = [d for d in ds if "berita hoax" in d.text]
    assert {d.topic for d in same} == {"security", "hoax_black_campaign", "logistics"}
    assert len({(d.evidence_start, d.evidence_end) for d in same}) == 1
    assert all(d.issuer_position == "Kapolres" and d.issuer_institution_kind == "Polri"
               for d in same)


def test_citations_and_meeting_names_are_not_topics(ex):
    ds = directives(ex, "Hal itu diatur dalam Undang-Undang Nomor 10 Tahun 2016 sesuai dengan "
                        "ketentuan yang berlaku.\nForum Koordinasi Pimpinan Daerah hadir.")
    assert {d.topic for d in ds} == set()


def test_weak_words_yield_to_a_stronger_topic(ex):
    ds = directives(ex, "Konser musik sangat rawan di tengah pandemi Covid-19.")
    assert {d.topic for d in ds} == {"health_protocol"}


def test_a_quote_belongs_to_the_speaker_named_after_it(ex):
    ds = directives(ex, "“ASN harus netral. Jangan ikut kampanye,” tegas Sekda Ahmad.")
    neutral = [d for d in ds if d.topic == "asn_neutrality"]
    assert neutral and all(d.issuer_name == "Ahmad" for d in neutral)


def test_each_quote_belongs_to_the_speaker_named_in_it(ex):
    """Two multi-sentence quotes, two speakers: a sentence takes the speaker of the quote it
    lies in, not of a quote before or after it."""
    ds = directives(
        ex,
        "“ASN harus netral. Jangan ikut kampanye,” tegas Sekda Ahmad. Rapat berlangsung lama. "
        "“Politik uang harus dicegah. Waspadai hoaks di media sosial,” kata Kapolres Budi.",
    )
    by_topic = {d.topic: d.issuer_name for d in ds}
    assert by_topic["asn_neutrality"] == "Ahmad"
    assert by_topic["money_politics"] == "Budi"
    assert by_topic["hoax_black_campaign"] == "Budi"


@pytest.mark.parametrize("sentence,asn", [
    ("Kapolda menyebut penyelenggara Pilkada yang dinilai tidak netral sebagai pemicu konflik.",
     False),
    ("Ia menyebut rendahnya partisipasi dan netralitas penyelenggara sebagai masalah.", False),
    ("Bupati meminta netralitas ASN dan penyelenggara Pilkada dijaga.", True),
    ("Bupati mengingatkan seluruh pegawai agar tetap netral.", True),
])
def test_neutrality_of_the_organisers_is_not_asn_neutrality(ex, sentence, asn):
    topics = {d.topic for d in directives(ex, sentence)}
    assert ("asn_neutrality" in topics) is asn


def test_the_name_koordinasi_nasional_is_not_the_coordination_topic(ex):
    ds = directives(ex, "Bupati menghadiri Koordinasi Nasional Bawaslu di Jakarta.")
    assert "coordination" not in {d.topic for d in ds}
    ds = directives(ex, "Bupati meminta koordinasi antarinstansi diperkuat.")
    assert "coordination" in {d.topic for d in ds}
