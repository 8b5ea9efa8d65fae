"""Chi bộ Trường Mầm non Hoa Sen (invented): two reviews of its resolutions (PDF) and meeting minutes.

Markers "[[SECTION/ITEM|words]]" are the answer key (see make_devset.py); "<<PAGE>>" breaks a PDF page
in the middle of a sentence.
"""

NAME = "chi-bo-mn-hoa-sen"
UNIT = {"name": "Chi bộ Trường Mầm non Hoa Sen", "issuer": "party", "unit_word": "chi bộ"}

HEADER_PARTY = ("header", ["ĐẢNG BỘ XÃ BÌNH MINH", "CHI BỘ TRƯỜNG MẦM NON HOA SEN", "*"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"])
SIGN_PARTY = ["T/M CHI BỘ", "BÍ THƯ", "", "Đặng Thị Hồng Nhung"]

KIEM_DIEM_2016 = {
    "file": "bao-cao-kiem-diem-nghi-quyet-2014-2016.pdf",
    "title": "Báo cáo kiểm điểm thực hiện Nghị quyết chuyên đề số 01-NQ/CB",
    "elements": [
        HEADER_PARTY,
        ("numdate", "Số 07-BC/CB", "Bình Minh, ngày 22 tháng 12 năm 2016"),
        ("title", ["BÁO CÁO", "kiểm điểm việc thực hiện Nghị quyết chuyên đề số 01-NQ/CB về công tác chăm sóc, "
                   "giáo dục và bảo vệ trẻ, giai đoạn 2014-2016"]),
        ("p", "Ngày 08/01/2014, Chi bộ [[P1.I.1|ban hành Nghị quyết chuyên đề số 01-NQ/CB]] nhằm cụ thể hóa Chỉ "
              "thị số 20-CT/TW của Bộ Chính trị tại nhà trường. Sau 3 năm thực hiện, Chi bộ kiểm điểm như sau:"),
        ("h", "I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT"),
        ("h", "1. Việc quán triệt và cụ thể hóa nghị quyết"),
        ("p", "Chi bộ tổ chức [[P1.I.1|quán triệt nghị quyết cho 12/12 đảng viên]] và toàn thể giáo viên, "
              "nhân viên nhà trường."),
        ("p", "Ban Giám hiệu [[P1.I.1|cụ thể hóa nghị quyết thành 05 chỉ tiêu]] trong kế hoạch năm học, giao "
              "cho từng tổ chuyên môn thực hiện."),
        ("p", "Nhận thức của đảng viên, giáo viên về quyền của trẻ có chuyển biến rõ: [[P1.I.2|không còn tình "
              "trạng giáo viên quát mắng, phạt trẻ]]."),
        ("p", "Chi bộ lồng ghép việc kiểm điểm nghị quyết vào sinh hoạt định kỳ, [[P1.I.3|mỗi quý đánh giá "
              "tiến độ các chỉ tiêu một lần]]."),
        ("h", "2. Công tác chăm sóc, nuôi dưỡng"),
        ("p", "Từ tháng 9/2014, nhà trường [[P1.II.1/0|tổ chức ăn bán trú cho 100% trẻ với 286 cháu]], thực "
              "đơn thay đổi theo tuần và theo mùa."),
        ("p", "Năm 2016, trẻ được uống sữa tại trường theo đề án của huyện, mỗi cháu 03 hộp mỗi tuần, "
              "[[P1.II.1/1|kinh phí do ngân sách huyện hỗ trợ 50%]]."),
        ("p", "[[P1.II.5|Tỷ lệ trẻ suy dinh dưỡng thể thấp còi giảm từ 9,4%]] (năm học 2013-2014) xuống còn "
              "5,7% (năm học 2015-2016)."),
        ("p", "Chi bộ phân công [[P1.II.3/0|03 đảng viên theo dõi, giúp đỡ <<PAGE>> 07 trẻ khuyết tật]] học "
              "hòa nhập, bảo đảm mỗi cháu có kế hoạch giáo dục cá nhân."),
        ("h", "3. Công tác tuyên truyền"),
        ("p", "Chi bộ chỉ đạo tuyên truyền đến phụ huynh [[P1.II.2/0|qua 24 bảng tin tại các nhóm, lớp]] và "
              "các buổi họp phụ huynh về phòng, chống bạo hành trẻ."),
        ("h", "4. Hoạt động vui chơi, lễ hội"),
        ("p", "Tết Trung thu năm 2015, nhà trường tổ chức [[P1.II.2/1|rước đèn, phá cỗ cho 301 cháu]]; mỗi "
              "cháu nhận một phần quà trị giá 35.000 đồng."),
        ("p", "Dịp 1/6/2016, nhà trường tổ chức [[P1.II.2/1|ngày hội “Bé vui khỏe” với 13 trò chơi vận "
              "động]] cho toàn trường."),
        ("p", "Các trò chơi dân gian như lộn cầu vồng, [[P1.II.2/3|chi chi chành chành, dung dăng dung dẻ]] "
              "được đưa vào giờ hoạt động ngoài trời hằng ngày."),
        ("p", "Mỗi lớp mẫu giáo [[P1.II.2/3|sưu tầm ít nhất 06 bài đồng dao]] để dạy trẻ trong năm học."),
        ("p", "Từ năm học 2015-2016, trẻ mẫu giáo lớn được học aerobic và bóng đá mini mỗi tuần một buổi; "
              "[[P1.II.2/2|đội aerobic của trường đạt giải Ba]] Hội thi bé khỏe cấp huyện năm 2016."),
        ("h", "II. HẠN CHẾ, NGUYÊN NHÂN"),
        ("p", "Cơ sở vật chất chưa đáp ứng yêu cầu: [[P1.III.1|điểm trường thôn Đông còn 02 phòng học tạm]], "
              "sân chơi chật hẹp."),
        ("p", "Việc sinh hoạt chi bộ chuyên đề về công tác trẻ em chưa thường xuyên, [[P1.III.1|mới tổ chức "
              "02 lần trong 3 năm]]."),
        ("p", "Nguyên nhân là [[P1.III.2|ngân sách đầu tư cho giáo dục mầm non của xã]] còn hạn hẹp."),
        ("p", "Mặt khác, [[P1.III.2|một số đảng viên chưa chủ động đề xuất nội dung]] sinh hoạt chuyên đề."),
        ("h", "III. PHƯƠNG HƯỚNG NĂM 2017"),
        ("p", "Tiếp tục thực hiện các chỉ tiêu của nghị quyết; tham mưu xây dựng phòng học kiên cố tại điểm "
              "trường thôn Đông."),
        ("sign", ["Nơi nhận:", "- Đảng ủy xã Bình Minh (b/c);", "- Đảng viên trong chi bộ;", "- Lưu chi bộ."],
         SIGN_PARTY),
    ],
}

BIEN_BAN_2019 = {
    "file": "bien-ban-sinh-hoat-chi-bo-thang-6-2019.docx",
    "title": "Biên bản sinh hoạt chi bộ chuyên đề tháng 6 năm 2019",
    "elements": [
        HEADER_PARTY,
        ("numdate", "", "Bình Minh, ngày 28 tháng 6 năm 2019"),
        ("title", ["BIÊN BẢN", "Sinh hoạt chi bộ chuyên đề tháng 6 năm 2019"]),
        ("p", "Thời gian: 14 giờ 00, ngày 28/6/2019."),
        ("p", "Địa điểm: Phòng họp Trường Mầm non Hoa Sen."),
        ("p", "Thành phần: 13/14 đảng viên (vắng 01 đồng chí có lý do)."),
        ("p", "Chủ trì: đồng chí Đặng Thị Hồng Nhung, Bí thư Chi bộ. Thư ký: đồng chí Nguyễn Thị Thu Trang."),
        ("h", "NỘI DUNG SINH HOẠT"),
        ("h", "1. Đồng chí Phó Hiệu trưởng báo cáo kết quả chăm sóc, giáo dục trẻ năm học 2018-2019"),
        ("p", "Trong năm học, nhà trường phối hợp với Trạm Y tế xã [[P1.II.3/1|khám sức khỏe định kỳ 02 lần cho "
              "318 cháu]], phát hiện 09 cháu sâu răng nặng và thông báo kịp thời cho gia đình."),
        ("table", "Bảng 1. Kết quả chăm sóc, nuôi dưỡng trẻ qua hai năm học", [
            ["Nội dung", "Năm học 2017-2018", "Năm học 2018-2019"],
            ["[[P1.II.5|Trẻ được theo dõi biểu đồ tăng trưởng (cháu)]]", "305", "318"],
            ["[[P1.II.5|Tỷ lệ trẻ suy dinh dưỡng thể nhẹ cân]]", "4,9%", "3,8%"],
            ["[[P1.II.3/0|Trẻ thuộc hộ nghèo được hỗ trợ tiền ăn trưa (cháu)]]", "28", "24"],
        ]),
        ("p", "Hưởng ứng Tháng hành động vì trẻ em năm 2019, nhà trường đã tổ chức “Ngày hội bé khỏe, bé "
              "ngoan” vào ngày 31/5/2019 [[P1.II.2/1|với 322 cháu và 287 phụ huynh tham gia]]."),
        ("p", "Nhân Ngày Gia đình Việt Nam 28/6, nhà trường phát động cuộc thi ảnh “Gia đình yêu thương” dành "
              "cho phụ huynh, [[P1.II.2/1|nhận được 61 ảnh dự thi]]."),
        ("h", "2. Ý kiến thảo luận"),
        ("p", "Đồng chí Lê Thị Hạnh cho biết mô hình “Góc bé tự bảo vệ” [[P1.II.2/4|đã triển khai ở 04 lớp mẫu "
              "giáo lớn]] từ năm học 2017-2018 và đề nghị nhân rộng ra các lớp mẫu giáo nhỡ."),
        ("p", "Các cháu ở các lớp này đã biết [[P1.II.2/4|đọc họ tên, địa chỉ và số điện thoại của cha mẹ]] "
              "khi bị lạc."),
        ("p", "Đồng chí Nguyễn Văn Sơn, Chủ tịch Công đoàn, nêu khó khăn: nhà trường [[P1.III.1|chưa có nhân "
              "viên y tế chuyên trách]], việc sơ cứu ban đầu do giáo viên đảm nhận."),
        ("p", "Đồng chí Trần Thị Bích thông tin phong trào “Mỗi phụ huynh một cây xanh” đã [[P1.II.4/0|trồng "
              "thêm 85 cây bóng mát và cây ăn quả]] trong khuôn viên trường."),
        ("p", "Đồng chí Bí thư thông tin vụ việc [[P1.II.2/5|bạo hành trẻ tại một cơ sở giữ trẻ tư thục]] trên "
              "địa bàn huyện, yêu cầu toàn thể giáo viên rút kinh nghiệm."),
        ("h", "3. Kết luận của đồng chí Bí thư"),
        ("p", "Chi bộ thống nhất chỉ đạo nhân rộng mô hình “Góc bé tự bảo vệ” [[P1.II.2/4|ra 06 lớp mẫu giáo "
              "nhỡ từ năm học 2019-2020]]."),
        ("p", "Đồng thời, giao Ban Giám hiệu làm tờ trình đề nghị UBND xã đầu tư 02 phòng học kiên cố tại điểm "
              "trường thôn Đông."),
        ("p", "Biên bản kết thúc lúc 16 giờ 15 phút cùng ngày, đã thông qua cho các đảng viên dự họp và nhất "
              "trí 100%."),
        ("sign", ["THƯ KÝ", "", "Nguyễn Thị Thu Trang"], ["CHỦ TRÌ", "BÍ THƯ", "", "Đặng Thị Hồng Nhung"]),
    ],
}

KIEM_DIEM_2021 = {
    "file": "bao-cao-kiem-diem-nghi-quyet-nam-2021.pdf",
    "title": "Báo cáo kiểm điểm việc thực hiện Nghị quyết của Chi bộ năm 2021",
    "elements": [
        HEADER_PARTY,
        ("numdate", "Số 19-BC/CB", "Bình Minh, ngày 20 tháng 12 năm 2021"),
        ("title", ["BÁO CÁO", "kiểm điểm việc thực hiện Nghị quyết của Chi bộ năm 2021"]),
        ("h", "I. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM 2021"),
        ("h", "1. Lãnh đạo chăm sóc, giáo dục trẻ trong điều kiện dịch bệnh"),
        ("p", "Trong thời gian trẻ tạm dừng đến trường, [[P1.II.3/1|giáo viên xây dựng 93 video hoạt động "
              "học]], gửi qua nhóm Zalo để phụ huynh cùng con thực hiện tại nhà."),
        ("p", "Chi bộ chỉ đạo Công đoàn và Ban đại diện cha mẹ trẻ [[P1.II.3/1|hỗ trợ 26 gia đình có con là F0]] hoặc phải cách ly, mỗi gia đình 500.000 đồng."),
        ("p", "Bên cạnh đó, nhà trường miễn toàn bộ các khoản đóng góp và [[P1.II.3/1|tặng sổ tiết kiệm cho 02 "
              "cháu mồ côi cha]] do dịch Covid-19."),
        ("p", "Cô giáo Phạm Thị Lài, đảng viên của chi bộ, được UBND huyện tặng Giấy khen vì đã [[P1.II.2/5|tự "
              "nguyện đến nhà dạy cho 01 cháu khuyết tật vận động]] trong thời gian nghỉ dịch."),
        ("h", "2. Công tác kiểm tra, giám sát"),
        ("p", "Chi bộ thực hiện kiểm tra 02 đảng viên và [[P1.I.3|giám sát chuyên đề đối với bộ phận bếp ăn "
              "bán trú]]; qua giám sát đã nhắc nhở bổ sung sổ lưu mẫu thức ăn."),
        ("p", "Tháng 3/2021, đoàn kiểm tra liên ngành của huyện kiểm tra việc [[P1.II.3/2|bảo đảm an toàn thực phẩm và quyền của trẻ]] tại nhà trường, xếp loại tốt."),
        ("h", "3. Công tác xã hội hóa"),
        ("p", "Năm 2021, Ban đại diện cha mẹ trẻ và các nhà hảo tâm [[P1.II.4/1|ủng hộ 58.500.000 đồng để làm "
              "mới sân chơi]] cỏ nhân tạo và mua đồ chơi ngoài trời."),
        ("p", "Tiêu biểu: Công ty TNHH Nông sản Bình Minh [[P1.II.4/1|tặng 01 bộ cầu trượt liên hoàn trị giá "
              "26.000.000 đồng]]."),
        ("p", "Nhìn lại chặng đường từ năm 2013 đến nay, việc thực hiện Chỉ thị 20 gắn với nghị quyết của Chi "
              "bộ đã giúp nhà trường [[P1.II|đạt kiểm định chất lượng giáo dục cấp độ 2 năm 2020]]."),
        ("h", "II. HẠN CHẾ, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM"),
        ("h", "1. Hạn chế"),
        ("p", "Việc tổ chức hoạt động trực tiếp cho trẻ bị gián đoạn nhiều tháng; [[P1.III.1|khoảng 35% phụ "
              "huynh ít tương tác]] với giáo viên qua nhóm Zalo."),
        ("p", "[[P1.III.1|Điểm trường thôn Đông vẫn còn 01 phòng học tạm]], chưa bảo đảm điều kiện chăm sóc "
              "trẻ."),
        ("h", "2. Nguyên nhân"),
        ("p", "Nguyên nhân khách quan là dịch Covid-19 kéo dài, [[P1.III.2|nhiều phụ huynh làm công nhân ở khu "
              "công nghiệp]], thời gian dành cho con ít."),
        ("p", "Nguyên nhân chủ quan là chi bộ [[P1.III.2|chưa chỉ đạo xây dựng kịch bản hoạt động trực "
              "tuyến]] phù hợp với trẻ mầm non ngay từ đầu năm."),
        ("h", "3. Bài học kinh nghiệm"),
        ("items", [
            "Nghị quyết chuyên đề phải có chỉ tiêu cụ thể, [[P1.III.3|giao rõ người, rõ việc và được kiểm điểm "
            "hằng quý]];",
            "Gắn kết chặt chẽ với Ban đại diện cha mẹ trẻ, [[P1.III.3|coi phụ huynh là người đồng hành]] trong "
            "chăm sóc, bảo vệ trẻ.",
        ]),
        ("h", "III. NHIỆM VỤ NĂM 2022"),
        ("items", [
            "Tiếp tục quán triệt Chỉ thị 20, Luật Trẻ em năm 2016 cho đảng viên mới; phấn đấu [[P2|kết nạp "
            "thêm 02 đảng viên là giáo viên trẻ]].",
            "Chỉ đạo [[P2|hoàn thành xóa phòng học tạm tại điểm trường thôn Đông]] trong năm 2022.",
            "Phấn đấu tỷ lệ trẻ [[P2|suy dinh dưỡng thể thấp còi dưới 3,5%]].",
        ]),
        ("h", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        ("items", [
            "Đề nghị Huyện ủy, UBND huyện Phước Điền [[P3.1|ưu tiên nguồn vốn xây dựng 02 phòng học kiên "
            "cố]] cho điểm trường thôn Đông.",
            "Đề nghị Sở Giáo dục và Đào tạo biên soạn, [[P3.2|cung cấp học liệu điện tử cho giáo dục mầm "
            "non]] để dùng khi trẻ không thể đến trường.",
            "Đề nghị Tỉnh ủy, UBND tỉnh có chính sách [[P3.3|hỗ trợ nhân viên nấu ăn hợp đồng]] ở các trường "
            "mầm non công lập.",
            "Đề nghị Trung ương sửa đổi quy định về [[P3.4|định mức nhân viên y tế trong cơ sở giáo dục]] mầm non công lập.",
        ]),
        ("sign", ["Nơi nhận:", "- Đảng ủy xã Bình Minh (b/c);", "- Lưu chi bộ."], SIGN_PARTY),
    ],
}

DOCS = [KIEM_DIEM_2016, BIEN_BAN_2019, KIEM_DIEM_2021]
