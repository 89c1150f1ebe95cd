# Writes N rows of valid ASN CSV for Kabupaten Sambas (demo data):
#   awk -v n=1000000 -f bench/make_asn_csv.awk > asn.csv
# NIPs are unique and structurally valid; names are plausible; units exist in the demo.
BEGIN {
  split("Ahmad Siti Budi Dewi Yohanes Maria Agustinus Fransiska Hendra Lina Rudi Veronika Wahyu Yuliana Andreas Theresia", first, " ")
  split("Syahrial Hidayat Santoso Wijaya Lim Tan Pratama Saputra Handayani Setiawan Halim Bong Ramli Anyang Lawing Ibrahim", last, " ")
  split("DUKCAPIL DUKCAPIL-PDP DINKES PKM-SAMBAS PKM-PEMANGKAT PKM-TEBAS MPP-SAMBAS MPP-SAMBAS-DUKCAPIL BKPSDM SETDA", unit, " ")
  split("OPERATOR-LAYANAN PENGOLAH-DATA PENATA-LAYANAN ADMINDUK PERAWAT-TERAMPIL BIDAN-TERAMPIL", pos, " ")
  print "nip,nama,status,unit,jabatan,aktif"
  for (i = 0; i < n; i++) {
    seq = i % 999 + 1
    sex = int(i / 999) % 2 + 1
    d = int(i / 1998)
    day = d % 28 + 1
    month = int(d / 28) % 12 + 1
    year = 1960 + int(d / 336) % 40
    start = year + 22
    printf "%04d%02d%02d%04d%02d%d%03d,%s %s,%s,%s,%s,1\n", year, month, day, start, month, sex, seq, \
      first[i % 16 + 1], last[int(i / 16) % 16 + 1], (i % 7 == 0 ? "PPPK" : "PNS"), unit[i % 10 + 1], pos[i % 6 + 1]
  }
}
