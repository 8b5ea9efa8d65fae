"""Write bctk_assist/data/corpus/bao-cao-mau-truong-tieu-hoc-hoa-an.docx, a sample earlier report of an invented school.

The school, commune, district, people, sponsors and every figure are invented for illustration.
Structure uses real Word styles (Title, Heading 1-3, Normal, one table) so readers can parse it.

Run: .venv/bin/python scripts/make_sample_report.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "bctk_assist" / "data" / "corpus" / "bao-cao-mau-truong-tieu-hoc-hoa-an.docx"
FONT = "Times New Roman"
BODY_PT = 13

# Each block: ("h1" | "h2" | "h3" | "p", text) or ("table", None).
BODY: list[tuple[str, str | None]] = [
    ("p", "Thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị về việc tăng cường sự "
          "lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em trong tình hình mới "
          "(sau đây gọi tắt là Chỉ thị 20), Kế hoạch số 69-KH/TU của Ban Thường vụ Tỉnh ủy Quảng Nam "
          "(sau đây gọi tắt là Kế hoạch 69) và hướng dẫn của Phòng Giáo dục và Đào tạo huyện An Thành, "
          "Trường Tiểu học Hòa An báo cáo kết quả thực hiện trong 05 năm học, từ năm học 2016-2017 "
          "đến năm học 2020-2021, như sau:"),

    ("h1", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
    ("p", "Trường Tiểu học Hòa An đóng trên địa bàn xã Hòa An, huyện An Thành, một xã thuần nông còn "
          "nhiều khó khăn. Trường có 02 điểm trường: điểm trường chính tại thôn "
          "Phú Lộc và điểm trường lẻ tại thôn An Tây, cách nhau khoảng 4 km. Năm học 2020-2021, trường "
          "có 18 lớp với 538 học sinh (259 học sinh nữ); có 36 cán bộ, giáo viên, nhân viên (CBGVNV), "
          "trong đó 14 đảng viên sinh hoạt tại Chi bộ trường trực thuộc Đảng ủy xã Hòa An."),
    ("p", "Năm học 2020-2021, toàn trường có 63 học sinh có hoàn cảnh đặc biệt, gồm 29 học sinh thuộc "
          "hộ nghèo, 21 học sinh thuộc hộ cận nghèo, 08 học sinh khuyết tật học hòa nhập và 05 học sinh "
          "mồ côi; ngoài ra có 46 học sinh (8,55%) có cha mẹ đi làm ăn xa, sống cùng ông bà hoặc người "
          "thân."),

    ("h1", "II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ TỔ CHỨC THỰC HIỆN"),
    ("h2", "1. Học tập, quán triệt và xây dựng kế hoạch thực hiện"),
    ("p", "Ngày 12/9/2013, Chi bộ phối hợp với Ban Giám hiệu tổ chức hội nghị học tập, quán triệt "
          "Chỉ thị 20 và Kế hoạch 69 cho 31/31 CBGVNV (đạt 100%), trong đó có 09 đảng viên. Ngày "
          "20/9/2013, nhà trường ban hành Kế hoạch số 15/KH-THHA về thực hiện Chỉ thị 20, phân công "
          "cụ thể nhiệm vụ cho Ban Giám hiệu, Tổng phụ trách Đội, giáo viên chủ nhiệm và nhân viên y tế."),
    ("p", "Sau khi Luật Trẻ em năm 2016 có hiệu lực thi hành (ngày 01/6/2017), ngày 22/8/2017 nhà trường "
          "tổ chức quán triệt lại Chỉ thị 20, Kế hoạch 69 gắn với Luật Trẻ em cho 34/34 CBGVNV, trong đó "
          "có 12 đảng viên. Từ năm học 2017-2018, nội dung này được đưa vào hội nghị cán bộ, công chức, "
          "viên chức đầu mỗi năm học và vào nghị quyết hằng năm của Chi bộ; kế hoạch năm học đều có "
          "mục riêng về công tác chăm sóc, giáo dục và bảo vệ trẻ em."),
    ("h2", "2. Chuyển biến về nhận thức, trách nhiệm của đội ngũ"),
    ("p", "Qua học tập, quán triệt, nhận thức và trách nhiệm của đội ngũ về công tác chăm sóc, giáo dục "
          "và bảo vệ trẻ em được nâng lên rõ rệt. Từ năm học 2017-2018, 100% CBGVNV ký cam kết không vi "
          "phạm đạo đức nhà giáo, không xúc phạm, bạo hành học sinh; trong 05 năm học không có giáo viên "
          "vi phạm phải xử lý kỷ luật. Giáo viên chủ nhiệm chủ động nắm hoàn cảnh từng học sinh qua sổ "
          "theo dõi, kịp thời báo cáo Ban Giám hiệu khi phát hiện học sinh có biểu hiện bất thường."),
    ("h2", "3. Công tác kiểm tra, giám sát, sơ kết"),
    ("p", "Chi bộ đưa việc thực hiện Chỉ thị 20 vào chương trình kiểm tra, giám sát hằng năm; đã tổ chức "
          "02 cuộc kiểm tra chuyên đề vào tháng 3/2015 và tháng 4/2019, tập trung vào hồ sơ chủ nhiệm lớp "
          "và việc phối hợp với gia đình học sinh. Tháng 12/2017, nhà trường tổ chức sơ kết 5 năm thực "
          "hiện Chỉ thị 20, biểu dương 06 tập thể lớp và 09 cá nhân có thành tích."),

    ("h1", "III. KẾT QUẢ THỰC HIỆN CHỈ THỊ 20 VÀ KẾ HOẠCH 69"),
    ("h2", "1. Xây dựng kế hoạch và bố trí nguồn lực"),
    ("p", "Hằng năm, nhà trường xây dựng kế hoạch chăm sóc, giáo dục và bảo vệ trẻ em gắn với kế hoạch "
          "giáo dục nhà trường, hoạt động Đội, y tế trường học và phòng, chống tai nạn thương tích. Từ năm học 2018-2019, trường xây dựng thêm kế hoạch bảo đảm môi trường "
          "giáo dục an toàn, lành mạnh, thân thiện, phòng, chống bạo lực học đường theo Nghị định số "
          "80/2017/NĐ-CP của Chính phủ."),
    ("p", "Từ nguồn chi thường xuyên, nhà trường dành 6.000.000 đồng mỗi năm cho công tác tổ chức các "
          "hoạt động vì trẻ em (trang trí, âm thanh, giải thưởng hội thi trong Tháng hành động vì trẻ em "
          "và Tết Trung thu) và bổ sung tủ thuốc y tế, tổng cộng 30.000.000 đồng trong 05 năm học. Năm "
          "2019, UBND xã Hòa An đầu tư 85.000.000 đồng từ ngân sách xã để xây dựng khu vui chơi cho học "
          "sinh tại điểm trường chính."),

    ("h2", "2. Tuyên truyền nâng cao nhận thức về công tác chăm sóc, giáo dục và bảo vệ trẻ em"),
    ("h3", "2.1. Công tác tuyên truyền, giáo dục và vận động"),
    ("p", "Nhà trường tổ chức tuyên truyền chuyên đề vào tiết chào cờ, giờ sinh hoạt Đội và các buổi "
          "ngoại khóa về quyền và bổn phận của trẻ em, phòng, chống xâm hại, phòng, chống đuối nước và an "
          "toàn giao thông. Số buổi tuyên truyền chuyên đề tăng từ 08 buổi trong năm học 2016-2017 lên "
          "12 buổi trong năm học 2020-2021, tổng cộng 50 buổi trong 05 năm học; riêng năm học 2019-2020 "
          "chỉ tổ chức được 09 buổi do học sinh nghỉ học phòng, chống dịch Covid-19 (số liệu từng năm "
          "tại Bảng 1)."),
    ("p", "Chương trình phát thanh măng non do Liên đội thực hiện được duy trì vào sáng thứ Hai hằng "
          "tuần, mỗi buổi 15 phút, bình quân khoảng 30 chương trình mỗi năm học. Trước mỗi kỳ nghỉ hè, nhà "
          "trường phối hợp với Đài truyền thanh xã phát 02 bản tin về phòng, chống đuối nước trên hệ "
          "thống loa phát thanh của xã."),
    ("p", "Từ năm học 2018-2019, mỗi lớp lập một nhóm Zalo với cha mẹ học sinh, cùng với nhóm chung của "
          "Ban đại diện Cha mẹ học sinh toàn trường; năm học 2020-2021 có 18 nhóm lớp với khoảng 94% "
          "phụ huynh tham gia. Qua các nhóm này, giáo viên gửi tài liệu về kỹ năng phòng tránh xâm hại, "
          "thông báo lịch nghỉ học, nhắc nhở nguy cơ đuối nước mùa hè và tiếp nhận phản ánh của phụ huynh."),
    ("p", "Nhà trường lắp đặt 04 pa-nô và 10 khẩu hiệu về quyền trẻ em, an toàn trường học tại 02 điểm "
          "trường; dán áp phích Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 ở tất cả các phòng học. "
          "Trong 03 kỳ họp phụ huynh mỗi năm học, giáo viên chủ nhiệm dành thời gian phổ biến Luật Trẻ "
          "em và trách nhiệm của gia đình trong việc chăm sóc, giáo dục và bảo vệ con em."),

    ("h3", "2.2. Tháng hành động vì trẻ em, Ngày Quốc tế Thiếu nhi 1/6, Ngày Gia đình Việt Nam 28/6 "
           "và Diễn đàn trẻ em"),
    ("p", "Vì tháng 6 là thời gian học sinh nghỉ hè, nhà trường tổ chức lễ phát động Tháng hành động vì "
          "trẻ em kết hợp vui Tết Thiếu nhi 1/6 vào cuối tháng 5, sau đó phối hợp với Đoàn xã và Ban "
          "nhân dân các thôn tổ chức các hoạt động trong tháng 6 tại nơi cư trú của học sinh."),
    ("p", "Năm 2017, 498 học sinh tham gia lễ phát động và hội thi vẽ tranh “Quyền của em”, với 112 bức "
          "tranh dự thi. Năm 2018, nhà trường tổ chức “Ngày hội thiếu nhi vui khỏe” có 515 học sinh tham "
          "gia và trao 40 suất quà, mỗi suất trị giá 200.000 đồng, cho học sinh có hoàn cảnh khó khăn."),
    ("p", "Năm 2019, hoạt động nổi bật là lớp dạy bơi và kỹ năng phòng, chống đuối nước do nhà trường "
          "phối hợp với Đoàn xã tổ chức tại hồ bơi di động đặt ở sân Trung tâm Văn hóa xã, có 126 học "
          "sinh lớp 3 đến lớp 5 tham gia."),
    ("p", "Năm 2020 và năm 2021, do ảnh hưởng của dịch Covid-19, nhà trường không tổ chức tập trung đông "
          "người mà chuyển sang tuyên truyền qua nhóm Zalo lớp và trao quà tận nhà: năm 2020 trao 26 suất "
          "quà, năm 2021 trao 50 suất quà, mỗi suất 200.000 đồng, cho học sinh có hoàn cảnh khó khăn."),
    ("p", "Hưởng ứng Ngày Gia đình Việt Nam 28/6, năm 2018 Liên đội tổ chức cuộc thi kể chuyện “Gia đình "
          "em” với 18 tiết mục; năm 2019 tổ chức cuộc thi ảnh “Bữa cơm gia đình” qua nhóm Zalo, thu hút "
          "87 bài dự thi của học sinh và phụ huynh."),
    ("p", "Tháng 11/2019, nhà trường tổ chức Diễn đàn học sinh Hòa An với chủ đề “Trường học an toàn "
          "trong mắt em”, có 64 học sinh lớp 4, lớp 5 tham gia. Các em nêu 12 ý kiến về nhà vệ sinh, sân "
          "chơi, an toàn ở cổng trường và nhà để xe đạp; 09 ý kiến đã được nhà trường giải quyết ngay "
          "trong năm học 2019-2020."),

    ("h3", "2.3. Tổ chức Tết Trung thu"),
    ("p", "Tết Trung thu được tổ chức hằng năm tại sân trường với các hoạt động rước đèn, phá cỗ, thi "
          "làm lồng đèn và bày mâm cỗ theo lớp; mỗi học sinh đều được nhận quà từ nguồn vận động xã hội "
          "hóa."),
    ("p", "Tết Trung thu năm 2016, nhà trường trao 512 suất quà, mỗi suất 25.000 đồng, tổng trị giá "
          "12.800.000 đồng. Năm 2017 trao 527 suất quà, mỗi suất 30.000 đồng (tổng 15.810.000 đồng) với "
          "sự tài trợ của Hội Cha mẹ học sinh và Công ty TNHH Vật liệu xây dựng An Phú. Năm 2018, hội thi "
          "làm lồng đèn có 126 chiếc lồng đèn do học sinh tự làm từ vật liệu tái chế; 541 học sinh được "
          "nhận quà trị giá 35.000 đồng/suất (tổng 18.935.000 đồng)."),
    ("p", "Trung thu năm 2019 là năm có số quà nhiều nhất: 556 suất quà, gồm 496 suất thông thường trị "
          "giá 40.000 đồng và 60 suất đặc biệt trị giá 150.000 đồng dành cho học sinh có hoàn cảnh khó "
          "khăn, tổng trị giá 28.840.000 đồng, do Phòng giao dịch Ngân hàng Chính sách xã hội huyện An "
          "Thành và Chi hội Doanh nhân trẻ xã Hòa An tài trợ; đêm rước đèn có 215 lồng đèn do học sinh "
          "tự làm."),
    ("p", "Năm 2020, để bảo đảm an toàn phòng, chống dịch, nhà trường tổ chức “Vui Trung thu” theo từng "
          "lớp, không tập trung toàn trường; 538 suất quà trị giá 40.000 đồng/suất (tổng 21.520.000 đồng) "
          "được trao cho toàn bộ học sinh."),

    ("h3", "2.4. Hoạt động vui chơi, văn hóa, thể thao và trò chơi dân gian"),
    ("p", "Từ năm học 2017-2018, nhà trường tổ chức “Giờ ra chơi dân gian” vào thứ Năm hằng tuần với các "
          "trò chơi kéo co, ô ăn quan, nhảy dây, bịt mắt bắt dê, nhảy bao bố và rồng rắn lên mây; Tổng "
          "phụ trách Đội hướng dẫn luật chơi, các lớp thay phiên nhau phụ trách dụng cụ."),
    ("p", "Tháng 3/2019, nhân kỷ niệm ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3, Liên đội tổ chức Hội "
          "thi trò chơi dân gian với 324 học sinh tham gia, trong đó nội dung kéo co có 18 đội thi đấu "
          "theo khối lớp."),
    ("p", "Nhà trường duy trì 03 câu lạc bộ năng khiếu: cờ vua (24 học sinh), bóng đá mini (36 học sinh) "
          "và văn nghệ (30 học sinh). Hội khỏe Phù Đổng cấp trường năm 2019 có 210 học sinh tham gia; tại "
          "Hội khỏe Phù Đổng cấp huyện, học sinh của trường đạt 03 huy chương (01 huy chương vàng môn cờ "
          "vua, 02 huy chương đồng môn điền kinh)."),
    ("p", "Để giáo dục truyền thống quê hương, nhà trường đưa hát dân ca và hô hát bài chòi Quảng Nam "
          "vào giờ sinh hoạt tập thể; năm 2020 thành lập đội hô hát bài chòi học sinh gồm 15 em. Dịp "
          "27/7 hằng năm, nhà trường phối hợp với Đoàn xã đưa học sinh dâng hương, dọn vệ sinh tại Nghĩa "
          "trang liệt sĩ xã."),

    ("h3", "2.5. Các mô hình chăm sóc, bảo vệ trẻ em"),
    ("p", "Mô hình “Cổng trường an toàn giao thông” được triển khai từ tháng 9/2017 tại điểm trường chính, "
          "phối hợp với Công an xã: mỗi buổi tan học có 02 đội viên Sao đỏ và 01 giáo viên trực hướng dẫn "
          "học sinh xếp hàng ra về, nhắc phụ huynh không dừng đỗ xe dưới lòng đường. Năm 2019, mô hình "
          "được nhân rộng sang điểm trường lẻ An Tây; từ năm học 2017-2018 đến nay không có học sinh bị "
          "tai nạn giao thông trước cổng trường."),
    ("p", "Mô hình “Tủ sách lớp học” được xây dựng từ năm học 2018-2019; đến năm học 2020-2021, 18/18 lớp "
          "có tủ sách với tổng số 2.460 cuốn sách, truyện, phần lớn do phụ huynh và cựu học sinh tặng. "
          "Mỗi tuần các lớp có 01 tiết đọc sách tại lớp và học sinh được mượn sách về nhà."),
    ("p", "Năm học 2020-2021, nhà trường đăng ký xây dựng mô hình “Trường học hạnh phúc”, tập trung vào "
          "ứng xử tôn trọng giữa giáo viên và học sinh, không la mắng, không so sánh học sinh. Nhà trường "
          "đặt hộp thư “Điều em muốn nói” tại 02 điểm trường; trong năm học đã nhận 47 lá thư, giáo viên "
          "phụ trách tư vấn gặp gỡ, trao đổi riêng với 11 học sinh."),

    ("h3", "2.6. Tuyên truyền điển hình tiên tiến, người tốt, việc tốt"),
    ("p", "Nhà trường kịp thời biểu dương các tấm gương tốt trong tiết chào cờ và trên nhóm Zalo phụ "
          "huynh. Tiêu biểu: tháng 11/2019, em Nguyễn Minh Khang, học sinh lớp 4/2, nhặt được ví có "
          "3.500.000 đồng và giấy tờ tùy thân đã giao cho giáo viên để trả lại người đánh mất; cô giáo "
          "Phan Thị Hoa nhận đỡ đầu 02 học sinh mồ côi từ năm 2018."),
    ("p", "Các vụ việc vi phạm quyền trẻ em xảy ra trên địa bàn huyện được phân tích trong buổi sinh hoạt "
          "chuyên môn để giáo viên rút kinh nghiệm, không nêu tên trẻ em liên quan."),

    ("h2", "3. Thực hiện các chính sách của Nhà nước về chăm sóc, giáo dục và bảo vệ trẻ em"),
    ("h3", "3.1. Chính sách phúc lợi xã hội dành cho trẻ em"),
    ("p", "Học sinh tiểu học công lập không phải đóng học phí theo quy định; nhà trường miễn toàn bộ các "
          "khoản đóng góp tự nguyện cho học sinh thuộc hộ nghèo, hộ cận nghèo, học sinh khuyết tật và mồ "
          "côi. Số học sinh được hỗ trợ theo chính sách tăng từ 41 em trong năm học 2016-2017 lên 63 em "
          "trong năm học 2020-2021, tổng cộng 260 lượt học sinh trong 05 năm học (chi tiết tại Bảng 1)."),
    ("p", "Năm học 2020-2021, 34 học sinh (29 em thuộc hộ nghèo và 05 em mồ côi) được hỗ trợ chi phí học "
          "tập theo Nghị định số 86/2015/NĐ-CP của Chính phủ, mức 100.000 đồng/em/tháng trong 9 tháng, "
          "tổng số tiền 30.600.000 đồng; 08 học sinh khuyết tật được học hòa nhập và được đánh giá theo kế "
          "hoạch giáo dục cá nhân."),
    ("p", "Tỉ lệ học sinh tham gia bảo hiểm y tế tăng từ 91,80% (470/512 em) trong năm học 2016-2017 lên "
          "99,26% (534/538 em) trong năm học 2020-2021; học sinh thuộc hộ nghèo được cấp thẻ bảo hiểm y "
          "tế miễn phí theo quy định."),

    ("h3", "3.2. Phối hợp liên ngành trong thực hiện quyền trẻ em"),
    ("p", "Công an xã phối hợp tuyên truyền 02 buổi mỗi năm học về an toàn giao thông, phòng, chống xâm "
          "hại và tệ nạn xã hội (10 buổi trong tổng số 50 buổi tuyên truyền chuyên đề của 05 năm học), "
          "đồng thời hỗ trợ duy trì mô hình “Cổng trường an toàn giao thông” vào giờ tan trường."),
    ("p", "Trạm Y tế xã phối hợp khám sức khỏe định kỳ cho 100% học sinh mỗi năm học, tổ chức tẩy giun "
          "02 lần mỗi năm và theo dõi tình trạng dinh dưỡng; số học sinh suy dinh dưỡng thể thấp còi giảm "
          "từ 43 em (8,40%) năm học 2016-2017 xuống 28 em (5,20%) năm học 2020-2021."),
    ("p", "Đoàn xã phối hợp tổ chức lớp dạy bơi hè cho 126 học sinh năm 2019 và 84 học sinh năm 2020, tổ "
          "chức sinh hoạt hè tại 06 thôn với 24 đoàn viên phụ trách các điểm sinh hoạt."),
    ("p", "Ban đại diện Cha mẹ học sinh có 18 chi hội lớp, phối hợp vận động phụ huynh đưa đón con an toàn, "
          "tham gia bảo hiểm y tế và đóng góp sách cho tủ sách lớp học; phối hợp thăm hỏi, tặng quà học "
          "sinh có cha mẹ đi làm ăn xa vào dịp Tết Nguyên đán hằng năm."),
    ("p", "Theo khảo sát của Liên đội, tỉ lệ học sinh lớp 4, lớp 5 biết số Tổng đài 111 tăng từ 31,2% "
          "(tháng 5/2018) lên 87,5% (tháng 12/2020)."),
    ("p", "Năm học 2018-2019, giáo viên chủ nhiệm phát hiện 01 học sinh lớp 3 có dấu hiệu bị bạo lực gia "
          "đình; nhà trường đã báo cáo UBND xã, phối hợp với công chức Lao động - Thương binh và Xã hội xã "
          "và Công an xã can thiệp kịp thời, tư vấn cho gia đình và theo dõi em đến cuối năm học. Trong "
          "05 năm học, không có học sinh bị xâm hại tình dục hoặc bị đuối nước."),

    ("h3", "3.3. Bảo đảm quyền trẻ em trong dịch bệnh Covid-19"),
    ("p", "Trong thời gian học sinh nghỉ học phòng, chống dịch Covid-19 từ tháng 02 đến đầu tháng 5/2020, "
          "giáo viên gửi bài ôn tập qua nhóm Zalo lớp, hướng dẫn học sinh học theo chương trình dạy học "
          "trên truyền hình của tỉnh và phát phiếu học tập tại nhà cho học sinh không có điều kiện theo dõi."),
    ("p", "Năm học 2020-2021, khi dịch bùng phát trở lại vào tháng 5/2021, nhà trường tổ chức dạy học trực "
          "tuyến cho học sinh lớp 3, lớp 4, lớp 5 trong thời gian ôn tập cuối năm. Rà soát toàn trường "
          "cho thấy 87/538 học sinh (16,17%) không có thiết bị học trực tuyến."),
    ("p", "Nhà trường vận động được 12 máy tính bảng và 05 điện thoại thông minh (hiện vật, trị giá khoảng "
          "38.000.000 đồng, không tính vào kinh phí xã hội hóa tại Bảng 1) cho học sinh mượn; 70 học sinh "
          "còn lại được giáo viên đến tận nhà giao, nhận phiếu học tập 02 lần mỗi tuần."),
    ("p", "Nhà trường phối hợp với Trạm Y tế xã tổ chức tiêm vắc xin phòng Covid-19 cho CBGVNV; đến ngày "
          "15/9/2021, 36/36 CBGVNV đã tiêm đủ 02 mũi. Năm 2021, nhà trường phối hợp với UBND xã hỗ trợ "
          "lương thực cho 03 gia đình học sinh phải cách ly y tế tại nhà."),

    ("h3", "3.4. Kiểm tra, giám sát việc thực hiện quyền trẻ em"),
    ("p", "Ban Thanh tra nhân dân của nhà trường mỗi năm học kiểm tra ít nhất 01 lần việc thực hiện chế "
          "độ, chính sách đối với học sinh. Ý kiến của phụ huynh qua hộp thư góp ý và nhóm Zalo đều "
          "được xem xét, trả lời trong vòng 05 ngày làm việc."),

    ("h2", "4. Xã hội hóa và huy động nguồn lực cho công tác chăm sóc, giáo dục và bảo vệ trẻ em"),
    ("p", "Nhà trường duy trì các phong trào “Kế hoạch nhỏ” thu gom giấy vụn, vỏ lon, “Nuôi heo đất” "
          "giúp bạn nghèo và “Áo ấm cho em”. Phong trào “Áo ấm cho em” được phát động từ mùa đông năm "
          "2018, đã trao 295 chiếc áo ấm (80 chiếc năm 2018, 95 chiếc năm 2019 và 120 chiếc năm 2020), "
          "mỗi chiếc trị giá 120.000 đồng."),
    ("p", "Tổng kinh phí xã hội hóa huy động cho công tác chăm sóc, giáo dục và bảo vệ trẻ em trong 05 năm "
          "học là 204.170.000 đồng, tăng từ 28.400.000 đồng (năm học 2016-2017) lên 52.320.000 đồng (năm "
          "học 2020-2021). Nguồn huy động chủ yếu từ Hội Cha mẹ học sinh, Công ty TNHH Vật liệu xây dựng "
          "An Phú, Chi hội Doanh nhân trẻ xã Hòa An, Phòng giao dịch Ngân hàng Chính sách xã hội huyện An "
          "Thành và cựu học sinh của trường."),
    ("p", "Riêng năm học 2020-2021, kinh phí 52.320.000 đồng được sử dụng như sau: quà Tết Trung thu "
          "21.520.000 đồng; 120 chiếc áo ấm 14.400.000 đồng; hỗ trợ 32 học sinh bị thiệt hại do bão lũ "
          "tháng 10-11/2020, mỗi em 200.000 đồng, tổng 6.400.000 đồng; quà Tháng hành động vì trẻ em năm "
          "2021 cho 50 học sinh, 10.000.000 đồng. Các khoản thu, chi được công khai tại hội nghị Ban đại "
          "diện Cha mẹ học sinh cuối năm học."),

    ("h2", "5. Kết quả thực hiện các mục tiêu, nhiệm vụ trọng tâm"),
    ("p", "Trong 05 năm học, 100% trẻ 6 tuổi trên địa bàn xã được huy động vào lớp 1; không có học sinh "
          "bỏ học; tỉ lệ học sinh hoàn thành chương trình lớp học năm học 2020-2021 đạt 99,44% (535/538 "
          "em). Năm 2019, trường được công nhận đạt chuẩn quốc gia mức độ 1; xã Hòa An duy trì đạt chuẩn "
          "phổ cập giáo dục tiểu học mức độ 3."),

    ("h2", "6. Số liệu tổng hợp qua các năm học"),
    ("p", "Bảng 1. Một số kết quả qua các năm học"),
    ("table", None),
    ("p", "Ghi chú: Số buổi tuyên truyền là số buổi tuyên truyền chuyên đề, không tính chương trình phát "
          "thanh măng non hằng tuần; học sinh được hỗ trợ là học sinh thuộc hộ nghèo, hộ cận nghèo, khuyết "
          "tật, mồ côi được hưởng chính sách; kinh phí xã hội hóa không tính hiện vật."),

    ("h2", "7. Đánh giá chung"),
    ("p", "Qua 05 năm học, công tác chăm sóc, giáo dục và bảo vệ trẻ em tại nhà trường có chuyển biến tích "
          "cực: số buổi tuyên truyền chuyên đề tăng 50%, kinh phí xã hội hóa tăng 84,23%, tỉ lệ học sinh "
          "tham gia bảo hiểm y tế tăng 7,46 điểm phần trăm; các mô hình được duy trì và nhân rộng. Nhận "
          "thức, trách nhiệm của đội ngũ, phụ huynh và cộng đồng được nâng lên; môi trường giáo dục ngày "
          "càng an toàn, thân thiện."),

    ("h1", "IV. HẠN CHẾ, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM"),
    ("h2", "1. Hạn chế"),
    ("p", "Hoạt động tuyên truyền, vui chơi tại điểm trường lẻ An Tây chưa được tổ chức thường xuyên như "
          "ở điểm trường chính; điểm trường lẻ chưa có khu vui chơi riêng, học sinh chủ yếu chơi trên sân "
          "đất."),
    ("p", "Kỹ năng phát hiện sớm dấu hiệu học sinh bị xâm hại, bạo lực của một số giáo viên còn hạn chế; "
          "công tác tư vấn tâm lý học đường chủ yếu do giáo viên kiêm nhiệm, chưa được tập huấn chuyên sâu."),
    ("p", "Hiệu quả dạy học trực tuyến chưa cao do 16,17% học sinh không có thiết bị và nhiều phụ huynh "
          "không có thời gian hỗ trợ con học. Việc chăm sóc 46 học sinh có cha mẹ đi làm ăn xa chưa được "
          "quan tâm đúng mức; nguồn xã hội hóa phụ thuộc nhiều vào một số nhà tài trợ, chưa ổn định."),
    ("h2", "2. Nguyên nhân"),
    ("h3", "2.1. Nguyên nhân khách quan"),
    ("p", "Địa bàn xã rộng, hai điểm trường cách nhau khoảng 4 km; kinh tế của nhiều gia đình còn khó "
          "khăn, nhiều phụ huynh đi làm ăn xa. Thiên tai liên tiếp (bão số 12 năm 2017, đợt bão lũ tháng "
          "10-11/2020) và dịch Covid-19 trong hai năm học 2019-2020, 2020-2021 làm gián đoạn nhiều hoạt "
          "động tập trung; nguồn chi thường xuyên của nhà trường hạn hẹp."),
    ("h3", "2.2. Nguyên nhân chủ quan"),
    ("p", "Một số giáo viên chưa nhận thức đầy đủ trách nhiệm bảo vệ trẻ em, còn xem đây là nhiệm vụ riêng "
          "của Tổng phụ trách Đội và giáo viên chủ nhiệm; kế hoạch ở một số thời điểm còn chung chung, "
          "chưa có chỉ tiêu cụ thể; việc kiểm tra, đánh giá chưa thường xuyên; hồ sơ lưu trữ các hoạt "
          "động trước năm học 2016-2017 chưa đầy đủ."),
    ("h2", "3. Bài học kinh nghiệm"),
    ("p", "Một là, Chi bộ và Ban Giám hiệu phải trực tiếp lãnh đạo, đưa nội dung chăm sóc, giáo dục và bảo "
          "vệ trẻ em vào nghị quyết của Chi bộ và kế hoạch năm học với chỉ tiêu cụ thể, có kiểm tra, đánh giá."),
    ("p", "Hai là, phối hợp chặt chẽ giữa nhà trường, gia đình và các lực lượng ở địa phương (Công an xã, "
          "Trạm Y tế, Đoàn xã, Hội Cha mẹ học sinh); tận dụng nhóm Zalo lớp để trao đổi thông tin hằng "
          "ngày với phụ huynh."),
    ("p", "Ba là, hoạt động phải thiết thực, hướng vào học sinh có hoàn cảnh khó khăn; công khai, minh bạch "
          "nguồn xã hội hóa để tạo niềm tin cho nhà tài trợ."),
    ("p", "Bốn là, lắng nghe ý kiến của học sinh qua diễn đàn, hộp thư để kịp thời điều chỉnh hoạt động "
          "cho phù hợp với nhu cầu của các em."),

    ("h1", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN ĐẾN"),
    ("p", "Tiếp tục quán triệt Chỉ thị 20, Luật Trẻ em cho 100% CBGVNV và cha mẹ học sinh; duy trì ít nhất "
          "12 buổi tuyên truyền chuyên đề mỗi năm học, chú trọng điểm trường lẻ An Tây."),
    ("p", "Duy trì và nâng cao chất lượng các mô hình “Cổng trường an toàn giao thông”, “Tủ sách lớp học”, "
          "“Trường học hạnh phúc”; phấn đấu đến năm học 2022-2023 xây dựng khu vui chơi tại điểm trường lẻ."),
    ("p", "Phấn đấu 100% học sinh tham gia bảo hiểm y tế; tập huấn kỹ năng phát hiện, can thiệp sớm các "
          "trường hợp xâm hại, bạo lực cho 100% giáo viên; chuẩn bị sẵn phương án dạy học linh hoạt khi có "
          "dịch bệnh, thiên tai."),
    ("p", "Đa dạng hóa nguồn xã hội hóa, công khai kết quả vận động; quan tâm đặc biệt đến học sinh có cha "
          "mẹ đi làm ăn xa và học sinh khuyết tật."),

    ("h1", "VI. ĐỀ XUẤT, KIẾN NGHỊ"),
    ("p", "Đề nghị Phòng Giáo dục và Đào tạo huyện An Thành tổ chức tập huấn về tư vấn tâm lý học đường và "
          "kỹ năng bảo vệ trẻ em cho giáo viên kiêm nhiệm. Đề nghị UBND xã Hòa An quan tâm đầu tư khu vui "
          "chơi tại điểm trường lẻ An Tây và hỗ trợ thiết bị học tập cho học sinh thuộc hộ nghèo."),
    ("p", "Trên đây là báo cáo kết quả thực hiện Chỉ thị 20, Kế hoạch 69 giai đoạn 2016-2021 của Trường "
          "Tiểu học Hòa An./."),
]

TABLE_HEADER = ["Năm học", "Số học sinh", "Số buổi tuyên truyền", "Học sinh được hỗ trợ",
                "Kinh phí xã hội hóa (đồng)"]
TABLE_ROWS = [
    ["2016-2017", "512", "08", "41", "28.400.000"],
    ["2017-2018", "527", "10", "46", "36.750.000"],
    ["2018-2019", "541", "11", "52", "41.200.000"],
    ["2019-2020", "556", "09", "58", "45.500.000"],
    ["2020-2021", "538", "12", "63", "52.320.000"],
]
TABLE_TOTAL = ["Cộng 05 năm học", "-", "50", "260 lượt", "204.170.000"]


def _set_run_fonts(rpr) -> None:
    """Force Times New Roman on every script slot and drop theme-font overrides."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), FONT)


def _set_language(doc: Document) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{attr}"), "vi-VN")


def _setup_styles(doc: Document) -> None:
    _set_language(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _set_run_fonts(normal.element.get_or_add_rPr())
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Cm(1.27)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15

    title = doc.styles["Title"]
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.font.size = Pt(14)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Cm(0)
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(6)
    _set_run_fonts(title.element.get_or_add_rPr())

    for level, italic in ((1, False), (2, False), (3, True)):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(BODY_PT)
        style.font.bold = True
        style.font.italic = italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.first_line_indent = Cm(1.27) if level > 1 else Cm(0)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        _set_run_fonts(style.element.get_or_add_rPr())


def _setup_page(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _two_column_line(doc: Document, left: str, right: str, *, left_bold: bool, right_bold: bool,
                     right_italic: bool = False, size: int = 12) -> None:
    """One header/signature line: left text centred at 3.8 cm, right text centred at 11.5 cm."""
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    pf.first_line_indent = Cm(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.tab_stops.add_tab_stop(Cm(3.8), WD_TAB_ALIGNMENT.CENTER)
    pf.tab_stops.add_tab_stop(Cm(11.5), WD_TAB_ALIGNMENT.CENTER)
    run = p.add_run("\t" + left if left else "")
    run.bold, run.font.size = left_bold, Pt(size)
    run = p.add_run("\t" + right)
    run.bold, run.italic, run.font.size = right_bold, right_italic, Pt(size)


def _add_header_block(doc: Document) -> None:
    _two_column_line(doc, "PHÒNG GD&ĐT AN THÀNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     left_bold=False, right_bold=True)
    _two_column_line(doc, "TRƯỜNG TIỂU HỌC HÒA AN", "Độc lập - Tự do - Hạnh phúc",
                     left_bold=True, right_bold=True, size=13)
    _two_column_line(doc, "", "", left_bold=False, right_bold=False)
    _two_column_line(doc, "Số: 25/BC-THHA", "Hòa An, ngày 20 tháng 9 năm 2021",
                     left_bold=False, right_bold=False, right_italic=True, size=13)


def _add_title(doc: Document) -> None:
    title = doc.add_paragraph(style="Title")
    title.add_run("BÁO CÁO")
    title.add_run().add_break()
    title.add_run("Kết quả thực hiện Chỉ thị số 20-CT/TW và Kế hoạch số 69-KH/TU về công tác "
                  "chăm sóc, giáo dục và bảo vệ trẻ em, giai đoạn 2016-2021")
    note = doc.add_paragraph()
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.paragraph_format.first_line_indent = Cm(0)
    run = note.add_run("(Tài liệu mẫu của đơn vị giả định, dùng để minh họa — không phải số liệu thật)")
    run.italic = True


def _add_table(doc: Document) -> None:
    table = doc.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(2.6), Cm(2.4), Cm(3.2), Cm(3.2), Cm(4.0)]
    rows = [TABLE_HEADER, *TABLE_ROWS, TABLE_TOTAL]
    for i, values in enumerate(rows):
        cells = table.rows[0].cells if i == 0 else table.add_row().cells
        for cell, value, width in zip(cells, values, widths):
            cell.width = width
            p = cell.paragraphs[0]
            p.paragraph_format.first_line_indent = Cm(0)
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(value)
            run.bold = i in (0, len(rows) - 1)
            run.font.size = Pt(12)


def _add_body(doc: Document) -> None:
    for kind, text in BODY:
        if kind == "table":
            _add_table(doc)
        elif kind == "p":
            p = doc.add_paragraph(text)
            if text.startswith("Bảng 1."):
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.first_line_indent = Cm(0)
                p.runs[0].bold = True
        else:
            doc.add_heading(text, level=int(kind[1]))


def _add_signature(doc: Document) -> None:
    lines = [
        ("Nơi nhận:", "HIỆU TRƯỞNG"),
        ("- Phòng GD&ĐT huyện An Thành;", ""),
        ("- Đảng ủy, UBND xã Hòa An;", "(Đã ký)"),
        ("- Chi bộ trường;", ""),
        ("- Lưu: VT.", ""),
        ("", "Trần Thị Minh Thu"),
    ]
    doc.add_paragraph()
    for left, right in lines:
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.first_line_indent = Cm(0)
        pf.space_after = Pt(0)
        pf.tab_stops.add_tab_stop(Cm(12), WD_TAB_ALIGNMENT.CENTER)
        run = p.add_run(left)
        if left == "Nơi nhận:":
            run.bold = run.italic = True
            run.font.size = Pt(12)
        else:
            run.font.size = Pt(11)
        run = p.add_run("\t" + right if right else "")
        run.bold = right not in ("", "(Đã ký)")
        run.italic = right == "(Đã ký)"


def build() -> Document:
    doc = Document()
    _setup_styles(doc)
    _setup_page(doc)
    props = doc.core_properties
    props.title = "Báo cáo mẫu - Trường Tiểu học Hòa An (đơn vị giả định)"
    props.author = "bctk-assist (dữ liệu mẫu)"
    props.comments = "Tài liệu mẫu của đơn vị giả định, không phải số liệu thật."
    props.language = "vi-VN"
    props.created = props.modified = dt.datetime(2021, 9, 20, 8, 0, 0)
    props.last_modified_by = "bctk-assist"
    props.revision = 1
    _add_header_block(doc)
    _add_title(doc)
    _add_body(doc)
    _add_signature(doc)
    return doc


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    build().save(OUT)
    print(f"Wrote {OUT}")


if __name__ == "__main__":
    main()
