"""Trường THCS Tân Phú (invented): three annual reports and a sơ kết 5 năm, each in its own shape.

Markers "[[SECTION/ITEM|words]]" are the answer key (see make_devset.py); they are not in the files.
"""

NAME = "thcs-tan-phu"
UNIT = {"name": "Trường THCS Tân Phú", "issuer": "state", "unit_word": "nhà trường"}

HEADER_STATE = ("header", ["PHÒNG GD&ĐT HUYỆN HÒA VINH", "TRƯỜNG THCS TÂN PHÚ"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])

NAM_HOC_2014 = {
    "file": "bao-cao-nam-hoc-2014-2015.docx",
    "title": "Báo cáo tổng kết công tác giáo dục đạo đức năm học 2014-2015",
    "elements": [
        HEADER_STATE,
        ("numdate", "Số: 41/BC-THCSTP", "Tân Phú, ngày 25 tháng 5 năm 2015"),
        ("title", ["BÁO CÁO", "Tổng kết công tác giáo dục đạo đức và hoạt động ngoài giờ lên lớp",
                   "năm học 2014-2015"]),
        ("p", "Căn cứ kế hoạch năm học 2014-2015 của Phòng Giáo dục và Đào tạo huyện Hòa Vinh, Trường THCS "
              "Tân Phú báo cáo kết quả công tác giáo dục đạo đức và hoạt động ngoài giờ lên lớp như sau:"),
        ("h", "I. Đặc điểm tình hình"),
        ("p", "Năm học 2014-2015, nhà trường có 16 lớp với 583 học sinh; đội ngũ gồm 43 cán bộ, giáo viên, "
              "nhân viên, trong đó có 19 đảng viên."),
        ("p", "Thuận lợi: nhà trường luôn nhận được sự quan tâm của Đảng ủy, UBND xã Tân Phú và sự ủng hộ "
              "của Ban đại diện cha mẹ học sinh."),
        ("p", "Khó khăn: [[P1.III.2|có 112 học sinh ở các thôn cách trường trên 5 km]], đường đi học phải "
              "qua đập tràn, mùa mưa thường bị ngập."),
        ("h", "II. Kết quả các mặt công tác"),
        ("h", "1. Công tác giáo dục đạo đức"),
        ("p", "Ngay từ đầu năm học, Chi bộ chỉ đạo Ban Giám hiệu tổ chức cho [[P1.I.1|43/43 cán bộ, giáo "
              "viên, nhân viên tiếp tục học tập]] Chỉ thị số 20-CT/TW của Bộ Chính trị và Kế hoạch số "
              "69-KH/TU của Tỉnh ủy, gắn với nhiệm vụ năm học."),
        ("p", "Trong năm học, nhà trường [[P1.II.2/0|tổ chức 09 buổi sinh hoạt dưới cờ theo chủ đề]] quyền "
              "và bổn phận của trẻ em, an toàn giao thông, phòng, chống ma túy và bạo lực học đường."),
        ("p", "Các em được nghe báo cáo viên của Công an huyện nói chuyện về tác hại của ma túy; cuối buổi, "
              "[[P1.II.2/0|512 học sinh ký cam kết không vi phạm pháp luật]]."),
        ("p", "Kết quả xếp loại hạnh kiểm cuối năm: [[P1.II.5|91,6% học sinh xếp loại tốt, 7,2% xếp loại "
              "khá]], không có học sinh xếp loại yếu."),
        ("p", "So với năm học trước, [[P1.II.5|tỷ lệ hạnh kiểm tốt tăng 3,4 điểm phần trăm]]."),
        ("h", "2. Hoạt động ngoài giờ lên lớp"),
        ("p", "Các hoạt động chính gồm:"),
        ("items", [
            "Hội thi “Rung chuông vàng” tìm hiểu Luật Bảo vệ, chăm sóc và giáo dục trẻ em năm 2004, "
            "[[P1.II.2/0|có 128 học sinh khối 8, khối 9 tham gia]];",
            "Giải bóng đá mini và bóng chuyền học sinh chào mừng ngày thành lập Đoàn 26/3, "
            "[[P1.II.2/2|với 22 đội thi đấu trong 02 tuần]];",
            "Trò chơi dân gian đẩy gậy, nhảy bao bố, ô ăn quan, kéo co trong buổi sinh hoạt tập thể cuối "
            "mỗi tháng, [[P1.II.2/3|mỗi lớp cử ít nhất 12 em tham gia]].",
        ]),
        ("p", "Tiêu biểu: [[P1.II.2/2|đội văn nghệ của trường đạt giải Nhì Hội diễn]] văn nghệ học sinh cấp "
              "huyện với tiết mục múa “Sắc màu quê em”."),
        ("p", "Ngoài ra, nhân dịp Tết Trung thu, Liên đội phối hợp với Đoàn xã tổ chức “Đêm hội trăng rằm” "
              "cho học sinh khối 6, khối 7 và [[P1.II.2/1|trao 35 suất quà cho học sinh nghèo]]."),
        ("h", "3. Công tác chăm sóc sức khỏe học sinh"),
        ("p", "Nhà trường phối hợp với [[P1.II.3/1|Trạm Y tế xã Tân Phú khám sức khỏe định kỳ]] cho học sinh "
              "vào tháng 10/2014; kết quả được thông báo đến từng gia đình."),
        ("table", "Bảng 1. Một số chỉ tiêu về chăm sóc sức khỏe học sinh", [
            ["TT", "Nội dung", "Năm học 2013-2014", "Năm học 2014-2015"],
            ["1", "[[P1.II.3/1|Học sinh được khám sức khỏe định kỳ (em)]]", "561", "583"],
            ["2", "[[P1.II.3/0|Học sinh tham gia bảo hiểm y tế (em)]]", "497", "538"],
            ["3", "[[P1.II.3/0|Tỷ lệ tham gia bảo hiểm y tế (%)]]", "88,6", "92,3"],
        ]),
        ("h", "III. Tồn tại, hạn chế"),
        ("p", "[[P1.III.1|Vẫn còn 07 học sinh vi phạm nội quy nhiều lần]], trong đó có 02 em hút thuốc lá "
              "trong khuôn viên trường."),
        ("p", "Sân tập thể dục chưa có mái che, [[P1.III.1|04 buổi ngoại khóa phải hoãn vì trời mưa]]."),
        ("p", "Nguyên nhân chủ yếu là một bộ phận cha mẹ học sinh đi làm ăn xa, [[P1.III.2|giao con cho ông "
              "bà trông nom]], việc phối hợp giáo dục giữa gia đình và nhà trường chưa chặt chẽ."),
        ("h", "IV. Phương hướng năm học tới"),
        ("p", "Năm học tới, nhà trường phấn đấu 95% học sinh tham gia bảo hiểm y tế, duy trì sinh hoạt trò "
              "chơi dân gian hằng tháng và chuẩn bị các điều kiện để thành lập phòng tư vấn học đường."),
        ("p", "Trên đây là báo cáo tổng kết công tác giáo dục đạo đức và hoạt động ngoài giờ lên lớp năm "
              "học 2014-2015 của Trường THCS Tân Phú./."),
        ("sign", ["Nơi nhận:", "- Phòng GD&ĐT huyện Hòa Vinh;", "- Chi bộ, Ban Giám hiệu;", "- Lưu: VT."],
         ["HIỆU TRƯỞNG", "", "(Đã ký)", "", "Phan Văn Lộc"]),
    ],
}

SO_KET = {
    "file": "so-ket-5-nam-chi-thi-20.docx",
    "title": "Báo cáo sơ kết 5 năm thực hiện Chỉ thị 20-CT/TW",
    "elements": [
        ("header", ["ĐẢNG BỘ XÃ TÂN PHÚ", "CHI BỘ TRƯỜNG THCS TÂN PHÚ", "*"], ["ĐẢNG CỘNG SẢN VIỆT NAM"]),
        ("numdate", "Số 12-BC/CB", "Tân Phú, ngày 14 tháng 8 năm 2017"),
        ("title", ["BÁO CÁO", "sơ kết 5 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị",
                   "(giai đoạn 2012-2017)"]),
        ("p", "Thực hiện Hướng dẫn số 15-HD/BTGHU của Ban Tuyên giáo Huyện ủy Hòa Vinh về sơ kết 5 năm thực "
              "hiện Chỉ thị 20-CT/TW, Chi bộ Trường THCS Tân Phú báo cáo như sau:"),
        ("h", "I. TÌNH HÌNH TRIỂN KHAI"),
        ("p", "Ngày 18/3/2013, [[P1.I.1|Chi bộ tổ chức hội nghị học tập Chỉ thị 20]] cho toàn thể đảng viên "
              "và giáo viên; sau hội nghị, mỗi đảng viên viết bài thu hoạch và đăng ký việc làm cụ thể."),
        ("p", "Nhà trường xây dựng Kế hoạch số 09/KH-THCSTP thực hiện Chỉ thị giai đoạn 2013-2017, "
              "[[P1.I.1|cụ thể hóa thành 06 nhóm nhiệm vụ]] và phân công từng bộ phận phụ trách."),
        ("p", "Qua học tập, quán triệt, nhận thức của đội ngũ về trách nhiệm bảo vệ học sinh có chuyển biến "
              "rõ rệt: [[P1.I.2|16/16 giáo viên chủ nhiệm lập sổ theo dõi]] học sinh có hoàn cảnh khó khăn."),
        ("p", "Bên cạnh đó, [[P1.I.2|nhiều phụ huynh đã chủ động liên hệ với giáo viên]] khi con có biểu "
              "hiện bất thường, điều ít thấy trước năm 2013."),
        ("p", "Việc thực hiện Chỉ thị được chi bộ xác định là nội dung kiểm tra thường xuyên. Trong 5 năm qua, "
              "chi bộ đã [[P1.I.3|kiểm tra 06 lượt đảng viên là giáo viên chủ nhiệm]] và giám sát chuyên đề "
              "02 lần đối với Liên đội và bộ phận y tế trường học."),
        ("h", "II. NHỮNG KẾT QUẢ CHỦ YẾU"),
        ("h", "1. Giáo dục kỹ năng sống và tư vấn học đường"),
        ("p", "[[P1.II.1/0|Kế hoạch giáo dục kỹ năng sống được xây dựng riêng]] cho từng khối lớp, mỗi khối "
              "04 chủ đề, lồng ghép vào giờ sinh hoạt lớp và hoạt động ngoài giờ lên lớp."),
        ("p", "Tháng 9/2015, [[P1.II.2/4|nhà trường thành lập Phòng tư vấn tâm lý học đường]] do 01 phó hiệu "
              "trưởng và 02 giáo viên đã qua tập huấn phụ trách."),
        ("p", "Mô hình này đã [[P1.II.2/4|tư vấn trực tiếp cho 86 lượt học sinh]], chủ yếu về tâm lý lứa "
              "tuổi, quan hệ bạn bè và định hướng nghề nghiệp."),
        ("p", "Các chủ đề giáo dục kỹ năng sống được chú trọng gồm:"),
        ("items", [
            "Phòng, chống đuối nước và tai nạn thương tích: [[P1.II.2/0|hướng dẫn cho 214 học sinh khối 6]] "
            "cách đi qua đập tràn an toàn trong mùa mưa;",
            "Phòng, chống xâm hại tình dục trẻ em, lồng ghép trong môn Giáo dục công dân và tiết sinh hoạt "
            "lớp, [[P1.II.2/0|mỗi năm học ít nhất 03 tiết]];",
            "Sử dụng mạng xã hội an toàn, triển khai từ năm học 2016-2017 cho học sinh khối 8, khối 9.",
        ]),
        ("h", "2. Chế độ, chính sách đối với học sinh"),
        ("p", "Trong 5 năm qua, nhà trường đã [[P1.II.3/0|miễn, giảm học phí cho 317 lượt học sinh]] thuộc "
              "hộ nghèo, cận nghèo và con thương binh, liệt sĩ."),
        ("p", "Từ năm học 2016-2017, [[P1.II.3/0|48 học sinh ở thôn đặc biệt khó khăn được hỗ trợ]] tiền ăn "
              "và gạo theo chính sách của Nhà nước."),
        ("table", "Bảng 1. Kết quả một số chỉ tiêu giai đoạn 2012-2017", [
            ["Chỉ tiêu", "2012-2013", "2013-2014", "2014-2015", "2015-2016", "2016-2017"],
            ["[[P1.II.5|Số học sinh bỏ học giữa chừng (em)]]", "12", "08", "06", "04", "02"],
            ["[[P1.II.3/0|Học sinh được miễn, giảm học phí (lượt)]]", "71", "66", "63", "60", "57"],
            ["[[P1.II.4/1|Kinh phí xã hội hóa cho học sinh khó khăn (triệu đồng)]]",
             "24,5", "31,2", "38,0", "42,6", "50,1"],
        ]),
        ("note", "Ghi chú: số liệu tổng hợp từ báo cáo tổng kết các năm học."),
        ("h", "3. Phối hợp với gia đình và địa phương"),
        ("p", "Từ năm 2014, nhà trường [[P1.II.3/1|ký quy chế phối hợp với Công an xã]] và Đoàn xã Tân Phú, "
              "tập trung bảo đảm an ninh, trật tự khu vực cổng trường và phòng, chống đuối nước."),
        ("p", "Tổng kinh phí [[P1.II.4/1|vận động xã hội hóa giai đoạn 2012-2017 đạt 186.400.000 đồng]], "
              "dùng để tặng xe đạp, áo ấm và học bổng cho học sinh khó khăn."),
        ("p", "Tiêu biểu: phong trào “Nuôi heo đất” do Liên đội phát động đã [[P1.II.4/0|tặng 25 chiếc xe "
              "đạp cho học sinh nhà xa trường]]."),
        ("p", "Năm 2016, em Trần Thị Mỹ Duyên, học sinh lớp 8A, [[P1.II.2/5|nhặt được 3.500.000 đồng và trả "
              "lại người đánh rơi]], được Liên đội tuyên dương trước toàn trường."),
        ("p", "Nhìn chung, sau 5 năm thực hiện Chỉ thị, môi trường giáo dục của nhà trường ngày càng an toàn, "
              "thân thiện; [[P1.II|năm 2016 nhà trường được UBND huyện tặng Giấy khen]] về thành tích trong "
              "công tác chăm sóc, giáo dục và bảo vệ trẻ em."),
        ("h", "III. NHỮNG TỒN TẠI VÀ NGUYÊN NHÂN"),
        ("p", "Phòng [[P1.III.1|tư vấn tâm lý học đường chưa có cán bộ chuyên trách]], giáo viên kiêm nhiệm "
              "chưa được đào tạo bài bản."),
        ("p", "Tỷ lệ [[P1.III.1|học sinh tham gia bảo hiểm y tế chưa đạt 95%]] theo chỉ tiêu nghị quyết của "
              "Đảng ủy xã."),
        ("p", "Nguyên nhân khách quan: thu nhập của [[P1.III.2|phần lớn gia đình học sinh dựa vào nông nghiệp]], thường xuyên bị ảnh hưởng bởi lũ lụt."),
        ("p", "Nguyên nhân chủ quan: một số [[P1.III.2|giáo viên chủ nhiệm còn ngại tiếp xúc với gia đình]] "
              "học sinh, chủ yếu trao đổi qua điện thoại."),
        ("h", "IV. MỘT SỐ KINH NGHIỆM"),
        ("p", "Thứ nhất, nhiệm vụ chăm sóc, giáo dục và bảo vệ học sinh phải được [[P1.III.3|đưa vào nghị "
              "quyết sinh hoạt chi bộ hằng tháng]], có phân công đảng viên theo dõi."),
        ("p", "Thứ hai, [[P1.III.3|giáo viên chủ nhiệm là lực lượng nòng cốt]], cần nắm chắc hoàn cảnh từng "
              "học sinh để kịp thời phát hiện, hỗ trợ."),
        ("h", "V. ĐỀ XUẤT, KIẾN NGHỊ"),
        ("p", "Đề nghị UBND huyện Hòa Vinh đầu tư [[P3.1|xây dựng cầu qua đập tràn thôn Phú Lễ]] để học sinh "
              "đi học an toàn trong mùa mưa."),
        ("sign", ["Nơi nhận:", "- Đảng ủy xã Tân Phú (b/c);", "- Ban Tuyên giáo Huyện ủy (b/c);",
                  "- Lưu chi bộ."],
         ["T/M CHI BỘ", "BÍ THƯ", "", "Nguyễn Thị Thanh Hà"]),
    ],
}

NAM_HOC_2018 = {
    "file": "bao-cao-nam-hoc-2018-2019.txt",
    "title": "Báo cáo tổng kết công tác Đội năm học 2018-2019",
    "elements": [
        HEADER_STATE,
        ("numdate", "Số: 37/BC-THCSTP", "Tân Phú, ngày 24 tháng 5 năm 2019"),
        ("title", ["BÁO CÁO", "TỔNG KẾT CÔNG TÁC ĐỘI VÀ PHONG TRÀO THIẾU NHI NĂM HỌC 2018-2019"]),
        ("h", "I. Đặc điểm tình hình"),
        ("p", "Năm học 2018-2019, Liên đội có 17 chi đội với 604 đội viên. Tổng phụ trách Đội được bố trí "
              "chuyên trách, Ban chỉ huy Liên đội được kiện toàn ngay từ đầu năm học."),
        ("h", "II. Kết quả các mặt công tác"),
        ("h", "1. Công tác tuyên truyền, giáo dục"),
        ("p", "Bản tin “Tiếng nói đội viên” được phát vào giờ ra chơi thứ Sáu hằng tuần; trong năm học, "
              "Liên đội [[P1.II.2/0|phát được 32 số bản tin]] với nội dung về quyền trẻ em, an toàn giao "
              "thông và gương người tốt, việc tốt."),
        ("h", "2. Tháng hành động vì trẻ em và các ngày lễ lớn"),
        ("p", "Hưởng ứng Tháng hành động vì trẻ em năm 2019, Liên đội [[P1.II.2/1|tổ chức lễ phát động vào "
              "ngày 24/5/2019 với 590 đội viên]] tham dự."),
        ("p", "Các em còn được [[P1.II.2/1|tham quan triển lãm 46 bức tranh về quyền trẻ em]] do chính đội "
              "viên vẽ."),
        ("p", "Diễn đàn “Tiếng nói học trò” được tổ chức ngày 30/5/2019, [[P1.II.2/1|có 72 đội viên tham gia "
              "và gửi 15 ý kiến]] đến Ban Giám hiệu, Đảng ủy và UBND xã."),
        ("p", "Năm học này, đề xuất của các em về việc [[P1.II.2/1|lắp đèn chiếu sáng đoạn đường từ trường "
              "về thôn Phú Lễ]] đã được UBND xã đáp ứng."),
        ("p", "Tết Trung thu năm 2018, Liên đội tổ chức cuộc thi làm [[P1.II.2/1|lồng đèn từ vật liệu tái chế với 34 sản phẩm]] dự thi."),
        ("p", "Dịp Ngày Gia đình Việt Nam 28/6/2018, Liên đội phát động [[P1.II.2/1|cuộc thi viết “Lá thư gửi "
              "mẹ”, nhận được 58 bài]] dự thi."),
        ("h", "3. Hoạt động văn hóa, thể thao, trò chơi dân gian"),
        ("p", "Hội khỏe Phù Đổng cấp trường được tổ chức vào tháng 12/2018 [[P1.II.2/2|với 5 môn thi đấu, thu "
              "hút 276 lượt học sinh]]."),
        ("p", "Bên cạnh đó, [[P1.II.2/2|đội tuyển cờ vua của trường giành 02 huy chương bạc]] tại Hội khỏe Phù "
              "Đổng cấp huyện."),
        ("p", "Trong các buổi sinh hoạt tập thể, Liên đội [[P1.II.2/3|giới thiệu 08 trò chơi dân gian của địa "
              "phương]] như đánh quay, bắn bi, nhảy ô, rồng rắn lên mây."),
        ("p", "Ngày 27/7/2018, [[P1.II.2/3|45 đội viên tham gia dọn vệ sinh, thắp hương]] tại Nghĩa trang liệt "
              "sĩ xã Tân Phú."),
        ("h", "4. Mô hình và phong trào"),
        ("p", "Mô hình “Tổ đưa đón học sinh qua đập tràn” do [[P1.II.2/4|Chi đoàn giáo viên phối hợp với Công an xã thực hiện]] từ tháng 10/2018."),
        ("p", "Mô hình này bảo đảm [[P1.II.2/4|an toàn cho 96 học sinh ở ba thôn vùng trũng]] trong mùa mưa "
              "lũ."),
        ("p", "Phong trào “Kế hoạch nhỏ” thu được [[P1.II.4/0|1.280 kg giấy vụn, bán được 3.840.000 đồng]], "
              "dùng để mua đồ dùng học tập tặng bạn khó khăn."),
        ("h", "III. Tồn tại, hạn chế"),
        ("items", [
            "Vẫn xảy ra 01 trường hợp [[P1.III.1|học sinh lớp 7 bị đuối nước khi tắm sông]] vào tháng 4/2019, "
            "rất may em được người dân cứu kịp thời.",
            "Số đội viên tham gia câu lạc bộ năng khiếu còn ít, [[P1.III.1|chỉ chiếm 11,5% tổng số đội "
            "viên]].",
        ]),
        ("h", "IV. Phương hướng năm học 2019-2020"),
        ("items", [
            "Tiếp tục duy trì bản tin “Tiếng nói đội viên” và mô hình đưa đón học sinh qua đập tràn.",
            "Thành lập thêm câu lạc bộ bóng bàn và câu lạc bộ tiếng Anh.",
        ]),
        ("sign", ["Nơi nhận:", "- Hội đồng Đội huyện;", "- Ban Giám hiệu;", "- Lưu: VT."],
         ["HIỆU TRƯỞNG", "", "Phan Văn Lộc"]),
    ],
}

NAM_HOC_2020 = {
    "file": "bao-cao-nam-hoc-2020-2021.docx",
    "title": "Báo cáo kết quả công tác chăm sóc, giáo dục và bảo vệ học sinh năm học 2020-2021",
    "word_headings": True,
    "elements": [
        HEADER_STATE,
        ("numdate", "Số: 52/BC-THCSTP", "Tân Phú, ngày 28 tháng 5 năm 2021"),
        ("title", ["BÁO CÁO", "Kết quả công tác chăm sóc, giáo dục và bảo vệ học sinh năm học 2020-2021"]),
        ("h", "I. Đặc điểm tình hình"),
        ("p", "Năm học 2020-2021, nhà trường có 18 lớp với 651 học sinh; 53 học sinh thuộc hộ nghèo, cận "
              "nghèo. Dịch Covid-19 diễn biến phức tạp, ảnh hưởng đến việc tổ chức các hoạt động tập trung."),
        ("h", "II. Kết quả thực hiện"),
        ("h", "1. Công tác lãnh đạo, chỉ đạo"),
        ("p", "Chi bộ [[P1.II.1/0|ban hành Nghị quyết chuyên đề số 02-NQ/CB ngày 10/10/2020]] về nâng cao hiệu "
              "quả công tác bảo vệ học sinh trong tình hình dịch bệnh."),
        ("p", "Từ nguồn ngân sách xã, [[P1.II.1/1|UBND xã Tân Phú cấp 65.000.000 đồng]] để lắp đặt camera và "
              "đèn chiếu sáng khu vực cổng trường."),
        ("p", "Nhà trường tổ chức [[P1.I.3|kiểm tra nội bộ 08 lượt về công tác chủ nhiệm lớp]] và giáo dục kỹ "
              "năng sống; qua kiểm tra, chấn chỉnh kịp thời 02 giáo viên chưa cập nhật hồ sơ theo dõi học "
              "sinh."),
        ("p", "Ban Thanh tra nhân dân kiểm tra việc [[P1.II.3/2|chi trả hỗ trợ chi phí học tập cho 53 học "
              "sinh]], không phát hiện sai sót."),
        ("h", "2. Bảo đảm quyền học tập của học sinh trong dịch Covid-19"),
        ("p", "Khi dịch Covid-19 bùng phát vào tháng 5/2021, nhà trường chuyển sang [[P1.II.3/1|dạy học qua "
              "ứng dụng Zoom cho 18/18 lớp]] trong 02 tuần cuối năm học."),
        ("p", "Chương trình “Máy tính cho em” do nhà trường vận động đã [[P1.II.3/1|trao 23 máy tính bảng cho "
              "học sinh không có thiết bị]] học trực tuyến."),
        ("p", "Trong thời gian cách ly, [[P1.II.3/1|05 học sinh thuộc diện F1 được giáo viên chủ nhiệm]] gửi bài và hướng dẫn học qua Zalo hằng ngày."),
        ("h", "3. Các hoạt động giáo dục, vui chơi"),
        ("p", "Năm nay, do dịch bệnh, Tết Trung thu được tổ chức theo từng lớp; nhà trường [[P1.II.2/1|trao 64 "
              "suất quà cho học sinh có hoàn cảnh khó khăn]]."),
        ("p", "Câu lạc bộ “Em hát dân ca” [[P1.II.2/3|được thành lập tháng 11/2020 với 32 thành viên]], luyện "
              "tập các làn điệu hò, vè của địa phương."),
        ("p", "Ngoài ra, nhân Ngày Sách Việt Nam 21/4/2021, thư viện trường tổ chức ngày hội đọc sách, "
              "[[P1.II.2/2|có 410 lượt học sinh mượn sách]]."),
        ("p", "Tiêu biểu: tháng 3/2021, em Lê Quang Huy, học sinh lớp 9C, đã [[P1.II.2/5|cứu một em nhỏ bị ngã "
              "xuống mương nước]] và được UBND huyện tặng Giấy khen."),
        ("p", "Vụ việc [[P1.II.2/5|02 học sinh lớp 8 đánh nhau ngoài cổng trường]] tháng 12/2020 được nhà "
              "trường phối hợp với Công an xã xử lý và phân tích trong giờ chào cờ để giáo dục chung."),
        ("table", "Bảng 2. Kết quả thực hiện một số chỉ tiêu", [
            ["TT", "Chỉ tiêu", "Năm học 2019-2020", "Năm học 2020-2021", "So với kế hoạch"],
            ["1", "[[P1.II.5|Học sinh lớp 9 được công nhận tốt nghiệp THCS]]", "98,1%", "99,3%", "Vượt 1,3%"],
            ["2", "[[P1.II.5|Số học sinh bỏ học (em)]]", "03", "01", "Đạt"],
            ["3", "[[P1.II.3/0|Học sinh được hỗ trợ chi phí học tập (em)]]", "49", "53", "-"],
            ["4", "[[P1.II.3/0|Tỷ lệ học sinh có thẻ bảo hiểm y tế]]", "95,8%", "97,4%", "Vượt 2,4%"],
        ]),
        ("h", "4. Công tác xã hội hóa"),
        ("p", "Trong năm học, nhà trường [[P1.II.4/1|vận động doanh nghiệp và cựu học sinh ủng hộ 92.700.000 "
              "đồng]] để hỗ trợ học sinh khó khăn và mua thiết bị học trực tuyến."),
        ("p", "Bên cạnh đó, phong trào “Tủ sách nhân ái” [[P1.II.4/0|quyên góp được 1.150 cuốn sách giáo khoa "
              "cũ]] cho học sinh các lớp dưới."),
        ("p", "Nhìn chung, [[P1.II|nhà trường hoàn thành 9/10 chỉ tiêu]] của Nghị quyết Chi bộ về công tác "
              "chăm sóc, giáo dục và bảo vệ học sinh năm học 2020-2021."),
        ("h", "III. Hạn chế, khó khăn"),
        ("items", [
            "Hiệu quả dạy học trực tuyến chưa cao, [[P1.III.1|khoảng 14% học sinh phải học bằng điện thoại "
            "của cha mẹ]].",
            "Công tác tư vấn tâm lý học đường vẫn do giáo viên kiêm nhiệm, [[P1.III.1|chưa có biên chế nhân "
            "viên chuyên trách]].",
        ]),
        ("p", "Nguyên nhân khách quan là nhiều [[P1.III.2|gia đình học sinh chưa có điều kiện trang bị máy tính]], đường truyền internet ở các thôn vùng trũng chập chờn."),
        ("p", "Về chủ quan, một số [[P1.III.2|giáo viên lớn tuổi còn lúng túng khi ứng dụng công nghệ]] thông tin trong dạy học."),
        ("p", "Bài học rút ra là phải [[P1.III.3|chuẩn bị sẵn phương án dạy học trực tuyến]] và danh sách học "
              "sinh thiếu thiết bị ngay từ đầu năm học."),
        ("h", "IV. Phương hướng, nhiệm vụ năm học 2021-2022"),
        ("p", "Năm học 2021-2022, nhà trường tập trung các nhiệm vụ sau:"),
        ("items", [
            "Phấn đấu 100% học sinh có thẻ bảo hiểm y tế; hoàn thành [[P2|bộ hồ sơ quản lý học sinh có hoàn cảnh đặc biệt]] trước tháng 10/2021;",
            "Tổ chức [[P2|tối thiểu 12 buổi sinh hoạt chuyên đề]] về phòng, chống xâm hại và an toàn trên "
            "không gian mạng;",
            "Duy trì Câu lạc bộ “Em hát dân ca” và [[P2|mô hình đưa đón học sinh qua đập tràn trong mùa "
            "mưa]].",
        ]),
        ("h", "V. Kiến nghị, đề xuất"),
        ("items", [
            "Đề nghị UBND huyện Hòa Vinh bố trí kinh phí [[P3.1|nâng cấp sân tập thể dục có mái che]] cho nhà "
            "trường.",
            "Đề nghị Sở Giáo dục và Đào tạo ban hành [[P3.2|hướng dẫn chuyên môn về công tác tư vấn tâm lý]] "
            "học đường cấp THCS.",
            "Đề nghị UBND tỉnh có [[P3.3|chính sách hỗ trợ thiết bị học trực tuyến cho học sinh]] thuộc hộ "
            "nghèo, cận nghèo ở vùng nông thôn.",
            "Đề nghị Bộ Giáo dục và Đào tạo sớm [[P3.4|quy định vị trí việc làm nhân viên tư vấn học đường]] "
            "trong trường THCS.",
        ]),
        ("sign", ["Nơi nhận:", "- Phòng GD&ĐT huyện Hòa Vinh;", "- Đảng ủy, UBND xã Tân Phú;", "- Lưu: VT."],
         ["HIỆU TRƯỞNG", "", "(Đã ký)", "", "Đỗ Minh Tâm"]),
    ],
}

DOCS = [NAM_HOC_2014, SO_KET, NAM_HOC_2018, NAM_HOC_2020]
